package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Base of every in-container test: one Karaf boot for the whole suite (PerSuite, one shared
 * {@link Configuration}), the platform services injected, and helpers to wait, run shell commands
 * and find the routes folder.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public abstract class SwitchboardTestSupport {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    /** Config Admin PID of the registrar (etc/io.switchboard.registrar.cfg). */
    protected static final String REGISTRAR_PID = "io.switchboard.registrar";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    @Filter(value = "(camel.context.name=switchboard)", timeout = 60_000)
    protected CamelContext context;

    @Inject
    @Filter(timeout = 60_000)
    protected RouteFiles routeFiles;

    @Inject
    @Filter(timeout = 60_000)
    protected SessionFactory sessionFactory;

    /**
     * The core's platform-ready service: until it is there SIP answers 503 (docs/decisions.md §32), so every test
     * starts after it.
     */
    @Inject
    @Filter(value = "(switchboard.platform=ready)", timeout = 60_000)
    protected BooleanSupplier platformReady;

    @Configuration
    public Option[] configuration() {
        return SwitchboardConfiguration.options();
    }

    /** {@code <karaf.base>/routes}, the folder the platform watches. */
    protected static Path routesFolder() {
        return Path.of(System.getProperty("karaf.base"), "routes");
    }

    /** The SIP port the platform listens on, as the route sees it ({{sip.port}}). */
    protected int sipPort() {
        return Integer.parseInt(context.resolvePropertyPlaceholders("{{sip.port}}"));
    }

    protected Optional<RouteFileStatus> fileStatus(String fileName) {
        return routeFiles.status().stream()
                .filter(s -> s.file().getFileName().toString().equals(fileName))
                .findFirst();
    }

    /**
     * Waits until the file's status satisfies {@code accept} and was decided at or after
     * {@code since} (so an old LOADED is not taken for the new version).
     */
    protected RouteFileStatus awaitFileStatus(
            String fileName, Instant since, Predicate<RouteFileStatus> accept, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<RouteFileStatus> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = fileStatus(fileName);
            if (last.isPresent() && !last.get().changed().isBefore(since) && accept.test(last.get())) {
                return last.get();
            }
            Thread.sleep(50);
        }
        fail("route file " + fileName + " never became " + what + " within " + WAIT.toSeconds() + " s; last status: "
                + last.map(Object::toString).orElse("(not listed)") + "; all: " + routeFiles.status());
        return null;
    }

    private static final String CALLS_XML = "calls.xml";
    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";

    /** What a test runs while a route file is changed for it. */
    protected interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with calls.xml sending calls for itest-callee to 127.0.0.1:{@code uasPort} (a SIPp UAS,
     * as ProxyIT), whether or not itest-callee is registered; calls.xml is restored afterwards.
     */
    protected void withCallee(int uasPort, Body body) throws Exception {
        Path callsXml = routesFolder().resolve(CALLS_XML);
        String original = Files.readString(callsXml, StandardCharsets.UTF_8);
        assertTrue("routes/calls.xml has no " + CALL_ROUTE + ": update this test", original.contains(CALL_ROUTE));
        String modified = original.replace(
                CALL_ROUTE,
                CALL_ROUTE
                        + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-callee@'</simple>"
                        + "<setHeader name=\"SipTargets\"><constant>sip:itest-callee@127.0.0.1:" + uasPort
                        + "</constant></setHeader></when></choice>\n");
        try {
            replaceRouteFile(callsXml, modified);
            body.run();
        } finally {
            replaceRouteFile(callsXml, original);
        }
    }

    /** Writes a route file and waits until the watcher has LOADED it. */
    protected void replaceRouteFile(Path file, String content) throws Exception {
        Instant before = Instant.now();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        awaitFileStatus(
                file.getFileName().toString(), before, s -> s.state() == RouteFileStatus.State.LOADED, "LOADED");
    }

    private static final HttpClient API =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A call of the platform's REST API (port {@link SwitchboardConfiguration#HTTP_PORT}); a body is sent as JSON. */
    protected static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + System.getProperty(SwitchboardConfiguration.HTTP_PORT) + path))
                .timeout(Duration.ofSeconds(45)) // a network-initiated USSD request waits for the UE's answer
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return API.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The current service of that type (a test that restarts bundles must not keep injected instances). */
    protected <T> T service(Class<T> type) throws InterruptedException {
        Object[] found = new Object[1];
        await(type.getSimpleName() + " service", () -> {
            ServiceReference<T> ref = bundleContext.getServiceReference(type);
            found[0] = ref == null ? null : bundleContext.getService(ref);
            return found[0] != null;
        });
        return type.cast(found[0]);
    }

    /** Sets one Config Admin property of {@code pid}; it applies asynchronously (SCR calls @Modified later). */
    protected void configure(String pid, String key, String value) throws Exception {
        org.osgi.service.cm.Configuration c = service(ConfigurationAdmin.class).getConfiguration(pid, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put(key, value);
        c.update(props);
    }

    /** The SIPp run ended with every call successful. */
    protected static void assertSucceeded(Sipp.Result r) {
        assertEquals(r.report(), 0, r.exitCode());
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
    }

    /**
     * Runs a Karaf shell command the way Karaf's own itests do and returns what it printed.
     * A command that throws (unknown command, bad option) fails the test with its exception.
     */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), printStream, printStream)) {
            Future<Object> result = executor.submit(() -> session.execute(command));
            try {
                Object value = result.get(30, TimeUnit.SECONDS);
                if (value != null) {
                    printStream.println(value);
                }
            } catch (TimeoutException e) {
                result.cancel(true);
                fail("command '" + command + "' did not finish within 30 s; output so far:\n"
                        + out.toString(StandardCharsets.UTF_8));
            }
        } finally {
            executor.shutdownNow();
        }
        printStream.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    protected static <T> T notNull(String what, T value) {
        assertNotNull(what, value);
        return value;
    }

    protected static String describe(List<RouteFileStatus> status) {
        StringBuilder sb = new StringBuilder();
        status.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
    }
}
