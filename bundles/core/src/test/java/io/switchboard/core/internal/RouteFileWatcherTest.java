package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.switchboard.core.RouteFileStatus;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFileWatcherTest {

    @TempDir
    Path folder;

    private DefaultCamelContext context;
    private RouteFileWatcher watcher;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(2);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        context.stop();
    }

    @Test
    void loadsAtStartAndFollowsChangesAndDeletion() throws Exception {
        write("greet.xml", route("greet", "direct:greet", "hello"));
        watcher = new RouteFileWatcher(context, folder);
        watcher.start();
        assertEquals("hello", template.requestBody("direct:greet", "", String.class));

        write("greet.xml", route("greet", "direct:greet", "bonjour"));
        await(() -> "bonjour".equals(template.requestBody("direct:greet", "", String.class)));

        write("other.xml", route(null, "direct:other", "added"));
        await(() -> context.getRoute("other-1") != null);
        assertEquals("added", template.requestBody("direct:other", "", String.class));

        Files.delete(folder.resolve("greet.xml"));
        await(() -> context.getRoute("greet") == null);
        assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:greet?block=false", ""));
        assertEquals(1, watcher.status().size());
    }

    @Test
    void brokenFileKeepsThePreviousRoutes() throws Exception {
        write("greet.xml", route("greet", "direct:greet", "hello"));
        watcher = new RouteFileWatcher(context, folder);
        watcher.start();

        write("greet.xml", "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"><route id=\"greet\"><from uri=");
        await(() -> watcher.status().get(0).state() == RouteFileStatus.State.FAILED);
        RouteFileStatus status = watcher.status().get(0);
        assertNotNull(status.error());
        assertEquals(java.util.List.of("greet"), status.routeIds());
        assertEquals("hello", template.requestBody("direct:greet", "", String.class));

        write("greet.xml", route("greet", "direct:greet", "fixed"));
        await(() -> "fixed".equals(template.requestBody("direct:greet", "", String.class)));
        assertNull(watcher.status().get(0).error());
    }

    @Test
    void routeIdOwnedByAnotherFileIsRejected() throws Exception {
        write("a.xml", route("same", "direct:a", "a"));
        write("b.xml", route("same", "direct:b", "b"));
        watcher = new RouteFileWatcher(context, folder);
        watcher.start();
        RouteFileStatus b = watcher.status().get(1);
        assertEquals(RouteFileStatus.State.FAILED, b.state());
        assertTrue(b.error().contains("a.xml"), b.error());
        assertEquals("a", template.requestBody("direct:a", "", String.class));
    }

    @Test
    void fileWaitingForAComponentLoadsWhenItArrives() throws Exception {
        write("late.xml", "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">"
                + "<route id=\"late\"><from uri=\"later:x\"/><setBody><constant>late</constant></setBody></route></routes>");
        watcher = new RouteFileWatcher(context, folder);
        watcher.start();
        assertEquals(RouteFileStatus.State.FAILED, watcher.status().get(0).state());
        assertTrue(watcher.status().get(0).error().contains("No endpoint could be found for: later"), watcher.status().get(0).error());

        context.addComponent("later", new DirectComponent());
        watcher.retryFailed();
        assertEquals(RouteFileStatus.State.LOADED, watcher.status().get(0).state());
        assertEquals("late", template.requestBody("later:x", "", String.class));
    }

    private void write(String name, String content) throws Exception {
        Path tmp = folder.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String route(String id, String from, String body) {
        return "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">"
                + "<route" + (id == null ? "" : " id=\"" + id + "\"") + "><from uri=\"" + from + "\"/>"
                + "<setBody><constant>" + body + "</constant></setBody></route></routes>";
    }

    /** Polls for at most 10 s: file events reach the watcher asynchronously. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the route may be between versions
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not met within 10 s");
    }
}
