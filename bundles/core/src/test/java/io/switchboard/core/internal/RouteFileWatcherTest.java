package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.core.RouteFileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
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
    private HandoverDirectComponent direct;

    private RouteFileWatcher newWatcher() {
        return new RouteFileWatcher(context, folder, direct, 500, 300);
    }

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        direct = new HandoverDirectComponent(1000);
        context.addComponent("direct", direct);
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
        watcher = newWatcher();
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
        watcher = newWatcher();
        watcher.start();

        write("greet.xml", "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"><route id=\"greet\"><from uri=");
        await(() -> watcher.status().get(0).state() == RouteFileStatus.State.FAILED);
        RouteFileStatus status = watcher.status().get(0);
        assertNotNull(status.error());
        assertEquals(List.of("greet"), status.routeIds());
        assertEquals("hello", template.requestBody("direct:greet", "", String.class));

        write("greet.xml", route("greet", "direct:greet", "fixed"));
        await(() -> "fixed".equals(template.requestBody("direct:greet", "", String.class)));
        assertNull(watcher.status().get(0).error());
    }

    @Test
    void routeIdOwnedByAnotherFileIsRejected() throws Exception {
        write("a.xml", route("same", "direct:a", "a"));
        write("b.xml", route("same", "direct:b", "b"));
        watcher = newWatcher();
        watcher.start();
        RouteFileStatus b = watcher.status().get(1);
        assertEquals(RouteFileStatus.State.FAILED, b.state());
        assertTrue(b.error().contains("a.xml"), b.error());
        assertEquals("a", template.requestBody("direct:a", "", String.class));
    }

    @Test
    void fileWaitingForAComponentLoadsWhenItArrives() throws Exception {
        write(
                "late.xml",
                "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">"
                        + "<route id=\"late\"><from uri=\"later:x\"/><setBody><constant>late</constant></setBody>"
                        + "</route></routes>");
        watcher = newWatcher();
        watcher.start();
        assertEquals(RouteFileStatus.State.FAILED, watcher.status().get(0).state());
        assertTrue(
                watcher.status().get(0).error().contains("No endpoint could be found for: later"),
                watcher.status().get(0).error());

        context.addComponent("later", new DirectComponent());
        watcher.retryFailed();
        assertEquals(RouteFileStatus.State.LOADED, watcher.status().get(0).state());
        assertEquals("late", template.requestBody("later:x", "", String.class));
    }

    /**
     * A departing component takes only the files that name one of its endpoints (in a choice, behind a placeholder
     * too); the routes of the others, the SIP listener's among them, keep running untouched.
     */
    @Test
    void onlyTheFilesThatUseAComponentAreReloadedForIt() throws Exception {
        context.addComponent("later", new DirectComponent());
        context.getPropertiesComponent().addInitialProperty("listen", "later:b");
        write(
                "a.xml",
                "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"><route id=\"a\"><from uri=\"direct:a\"/>"
                        + "<choice><when><simple>${body} == 'x'</simple><to uri=\"later:b\"/></when>"
                        + "<otherwise><setBody><constant>a</constant></setBody></otherwise></choice>"
                        + "</route></routes>");
        write("b.xml", route("b", "{{listen}}", "b"));
        write("c.xml", route("c", "direct:c", "c"));
        watcher = newWatcher();
        watcher.start();
        assertEquals("b", template.requestBody("direct:a", "x", String.class));

        assertEquals(List.of(folder.resolve("a.xml"), folder.resolve("b.xml")), watcher.filesUsing("later"));
        assertEquals(
                List.of(folder.resolve("c.xml")), watcher.filesUsing("direct").subList(1, 2));
        assertTrue(watcher.filesUsing("absent").isEmpty());

        Route a = context.getRoute("a");
        Route c = context.getRoute("c");
        watcher.reload(watcher.filesUsing("later"));
        assertTrue(a != context.getRoute("a"), "a.xml was built again");
        assertTrue(c == context.getRoute("c"), "c.xml was not touched");
        assertEquals("b", template.requestBody("direct:a", "x", String.class));
        assertEquals("c", template.requestBody("direct:c", "", String.class));

        Files.delete(folder.resolve("b.xml"));
        watcher.reload(List.of(folder.resolve("b.xml")));
        assertNull(context.getRoute("b"), "a file gone meanwhile is unloaded");
    }

    /**
     * A file whose listener comes first and whose later route needs a component still to come builds nothing until
     * that component is there: its listener is never opened and closed again (sip.xml at boot: the SIP connector).
     */
    @Test
    void aFileWaitingForAComponentOpensNoneOfItsListenersMeanwhile() throws Exception {
        AtomicInteger listeners = new AtomicInteger();
        context.addComponent("listener", new DirectComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
                    throws Exception {
                listeners.incrementAndGet();
                return super.createEndpoint(uri, remaining, parameters);
            }
        });
        write(
                "main.xml",
                "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">"
                        + "<route id=\"main\"><from uri=\"listener:in\"/><to uri=\"direct:register\"/></route>"
                        + "<route id=\"register\"><from uri=\"direct:register\"/><to uri=\"later:save\"/></route>"
                        + "</routes>");
        watcher = newWatcher();
        watcher.start();
        RouteFileStatus waiting = watcher.status().get(0);
        assertEquals(RouteFileStatus.State.FAILED, waiting.state());
        assertTrue(waiting.error().contains("No endpoint could be found for: later:save"), waiting.error());
        watcher.retryFailed(); // another component arrived, not the one it waits for
        assertEquals(0, listeners.get(), "the listener was never built while the file waited");
        assertNull(context.getRoute("main"));

        context.addComponent("later", new DirectComponent());
        watcher.retryFailed();
        assertEquals(RouteFileStatus.State.LOADED, watcher.status().get(0).state());
        assertEquals(1, listeners.get());
    }

    /** Each broken version is refused as a whole with file, line and reason; the good version keeps serving. */
    @Test
    void everyKindOfBrokenFileIsRefusedAndTheGoodVersionKeepsServing() throws Exception {
        write("greet.xml", route("greet", "direct:greet", "hello"));
        watcher = newWatcher();
        watcher.start();
        String good = route("greet", "direct:greet", "hello");
        String[][] broken = {
            {"comment with --", good.replace("<route ", "<!-- a -- b --><route "), "greet.xml:1:"},
            {"not closed", good.replace("</routes>", ""), "greet.xml:1:"},
            {"empty file", "", "the file is empty"},
            {"blank file", "\n\n", "the file is empty"},
            {"wrong namespace", good.replace("schema/xml-io", "schema/spring"), "route files use xmlns"},
            {"no namespace", good.replace(" xmlns=\"http://camel.apache.org/schema/xml-io\"", ""), "namespace ''"},
            {"other root", "<beans xmlns=\"http://camel.apache.org/schema/xml-io\"/>", "<routes> or <route>"},
            {"unknown element", good.replace("<setBody>", "<setBodyy>").replace("</setBody>", "</setBodyy>"), "setBodyy"
            },
            {"unknown attribute", good.replace("<setBody>", "<setBody colour=\"red\">"), "colour"},
            {
                "schema: bad value",
                good.replace("<setBody>", "<log loggingLevel=\"LOUD\" message=\"x\"/><setBody>"),
                "LOUD"
            },
            {"doctype", "<!DOCTYPE routes [<!ENTITY x \"y\">]>" + good, "DOCTYPE"},
            {"unknown component", good.replace("direct:greet", "nosuch:greet"), "nosuch"},
            {"bad endpoint option", good.replace("direct:greet", "direct:greet?noSuchOption=1"), "noSuchOption"},
        };
        int n = 0;
        for (String[] c : broken) {
            // each version differs from the one before, so that the watcher sees a change
            write("greet.xml", c[1].isBlank() ? c[1] + " ".repeat(n++) : c[1] + "<!-- " + (n++) + " -->");
            RouteFileStatus status = awaitStatus(RouteFileStatus.State.FAILED, c[0]);
            assertTrue(status.error().contains(c[2]), c[0] + ": " + status.error());
            assertTrue(status.error().startsWith("greet.xml"), c[0] + ": " + status.error());
            assertEquals(List.of("greet"), status.routeIds(), c[0]);
            assertEquals("hello", template.requestBody("direct:greet", "", String.class), c[0]);
            // and the next good version loads: nothing of the broken one is remembered
            write(
                    "greet.xml",
                    route("greet", "direct:greet", "hello").replace("</routes>", "<!-- " + (n++) + " --></routes>"));
            awaitStatus(RouteFileStatus.State.LOADED, c[0] + " corrected");
            assertEquals("hello", template.requestBody("direct:greet", "", String.class), c[0]);
        }
    }

    @Test
    void aFileDeletedAndWrittenAgainKeepsItsRoutesInService() throws Exception {
        write("greet.xml", route("greet", "direct:greet", "hello"));
        watcher = newWatcher();
        watcher.start();
        Files.delete(folder.resolve("greet.xml"));
        Thread.sleep(100); // past the watcher's settle time: it has seen the deletion
        assertEquals("hello", template.requestBody("direct:greet", "", String.class));
        write("greet.xml", route("greet", "direct:greet", "again"));
        await(() -> "again".equals(template.requestBody("direct:greet", "", String.class)));
        Thread.sleep(400); // past the grace of a deletion (300 ms here)
        assertEquals("again", template.requestBody("direct:greet", "", String.class));
        assertEquals(RouteFileStatus.State.LOADED, watcher.status().get(0).state());
    }

    /**
     * EventsIT's case, once taken for a watcher defect: a file deleted and written back unchanged within the grace
     * keeps its routes and its status (nothing to load: same content), and the next save of another file is taken
     * in as usual.
     */
    @Test
    void aFileWrittenBackUnchangedKeepsItsStatusAndTheNextSaveOfAnotherFileIsTakenIn() throws Exception {
        String greet = route("greet", "direct:greet", "hello");
        write("greet.xml", greet);
        write("calls.xml", route("calls", "direct:calls", "v1"));
        watcher = newWatcher();
        watcher.start();
        RouteFileStatus loaded = watcher.status().stream()
                .filter(s -> s.file().getFileName().toString().equals("greet.xml"))
                .findFirst()
                .orElseThrow();
        Files.delete(folder.resolve("greet.xml"));
        Thread.sleep(100);
        write("greet.xml", greet);
        write("calls.xml", route("calls", "direct:calls", "v2"));
        await(() -> "v2".equals(template.requestBody("direct:calls", "", String.class)));
        Thread.sleep(400); // past the grace of the deletion
        assertEquals("hello", template.requestBody("direct:greet", "", String.class));
        RouteFileStatus after = watcher.status().stream()
                .filter(s -> s.file().getFileName().toString().equals("greet.xml"))
                .findFirst()
                .orElseThrow();
        assertEquals(RouteFileStatus.State.LOADED, after.state());
        assertEquals(loaded.changed(), after.changed(), "same content: not loaded again");
    }

    @Test
    void aVersionWhoseRoutesFailToStartLeavesThePreviousOneServing() throws Exception {
        String good = route("greet", "direct:greet", "hello");
        write("greet.xml", good);
        watcher = newWatcher();
        watcher.start();
        String[] failing = {
            good.replace("direct:greet\"", "direct:greet?noSuchOption=1\""),
            good.replace("<setBody>", "<to uri=\"nosuch:x\"/><setBody>")
        };
        int n = 0;
        for (String bad : failing) {
            write("greet.xml", bad);
            awaitStatus(RouteFileStatus.State.FAILED, bad);
            assertEquals("hello", template.requestBody("direct:greet", "", String.class), bad);
            write("greet.xml", good + "<!-- " + (n++) + " -->");
            awaitStatus(RouteFileStatus.State.LOADED, "good again");
            assertEquals("hello", template.requestBody("direct:greet", "", String.class), "after " + bad);
        }
    }

    /** A call ringing when its route file changes: the exchange waits in a component, not on a thread. */
    @Test
    void anExchangeParkedInAComponentDoesNotHoldTheSwapAndFinishes() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch finished = new CountDownLatch(1);
        context.getRegistry().bind("parker", (AsyncProcessor) new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                exchange.setProperty(Exchange.ASYNC_WAIT, true);
                timer.schedule(
                        () -> {
                            exchange.removeProperty(Exchange.ASYNC_WAIT);
                            finished.countDown(); // the component's own work (the proxy: the final response sent
                            // upstream)
                            callback.done(false);
                        },
                        1500,
                        TimeUnit.MILLISECONDS);
                return false;
            }
        });
        String v1 =
                "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"><route id=\"ring\"><from uri=\"direct:ring\"/>"
                        + "<choice><when><simple>${body} == 'park'</simple><process ref=\"parker\"/></when>"
                        + "<otherwise><setBody><constant>v1</constant></setBody></otherwise></choice></route></routes>";
        write("ring.xml", v1);
        watcher = newWatcher();
        watcher.start();
        CompletableFuture<String> ringing =
                CompletableFuture.supplyAsync(() -> template.requestBody("direct:ring", "park", String.class));
        Thread.sleep(200);
        long start = System.nanoTime();
        write("ring.xml", v1.replace(">v1<", ">v2<"));
        await(() -> "v2".equals(template.requestBody("direct:ring", "x", String.class)));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "the swap waited for the parked exchange");
        // the parked exchange ends (its old route is gone: Camel ends it with RejectedExecutionException, the answer
        // was the component's to send), it does not hang
        assertTrue(finished.await(5, TimeUnit.SECONDS));
        ExecutionException ended = assertThrows(ExecutionException.class, () -> ringing.get(5, TimeUnit.SECONDS));
        assertTrue(
                String.valueOf(ended.getCause().getCause()).contains("RejectedExecutionException"),
                String.valueOf(ended));
        for (int i = 0; i < 3; i++) {
            assertEquals("v2", template.requestBody("direct:ring", "x", String.class));
        }
        Thread.sleep(1500); // Camel's shutdown task of the old version ends its wait loop meanwhile
        assertEquals("v2", template.requestBody("direct:ring", "x", String.class));
        timer.shutdownNow();
    }

    @Test
    void onlyAFileThatDeclaresNoRoutesTakesItsRoutesAway() throws Exception {
        write("greet.xml", route("greet", "direct:greet", "hello"));
        watcher = newWatcher();
        watcher.start();
        write("greet.xml", "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"/>");
        await(() -> context.getRoute("greet") == null);
        RouteFileStatus status = watcher.status().get(0);
        assertEquals(RouteFileStatus.State.LOADED, status.state());
        assertEquals(List.of(), status.routeIds());
    }

    @Test
    void aRequestToAMissingDirectRouteFailsAtOnce() throws Exception {
        long start = System.nanoTime();
        CamelExecutionException e =
                assertThrows(CamelExecutionException.class, () -> template.requestBody("direct:nobody", ""));
        assertTrue(e.getCause() instanceof DirectConsumerNotAvailableException, String.valueOf(e.getCause()));
        // Camel's default would have waited 30 s; a generous bound that only a wait could exceed
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "waited for a consumer");
    }

    @Test
    void duringASwapARequestWaitsForTheNewConsumer() throws Exception {
        direct.begin();
        CompletableFuture<String> reply =
                CompletableFuture.supplyAsync(() -> template.requestBody("direct:late", "", String.class));
        Thread.sleep(100);
        assertTrue(!reply.isDone(), "answered before the route existed");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:late").setBody().constant("served");
            }
        });
        assertEquals("served", reply.get(5, TimeUnit.SECONDS));
        direct.end();
    }

    private RouteFileStatus awaitStatus(RouteFileStatus.State state, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            RouteFileStatus s = watcher.status().get(0);
            if (s.state() == state && s.changed() != null && !s.changed().isBefore(lastWrite)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(what + ": not " + state + " within 10 s: " + watcher.status());
    }

    private Instant lastWrite = Instant.EPOCH;

    private void write(String name, String content) throws Exception {
        lastWrite = Instant.now();
        Path tmp = folder.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
