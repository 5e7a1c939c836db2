package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFileStatus.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.junit.After;
import org.junit.Test;

/**
 * Route files written into {@code <karaf.base>/routes} while the platform runs: a new file goes
 * into service, a change replaces it, a broken version is reported FAILED while the previous one
 * keeps serving, a deleted file takes its routes away.
 */
public class RouteFilesIT extends SwitchboardTestSupport {

    private static final String FILE = "itest-extra.xml";
    private static final String STEALING_FILE = "itest-steal.xml";

    @After
    public void removeFiles() throws Exception {
        Files.deleteIfExists(routesFolder().resolve(FILE));
        Files.deleteIfExists(routesFolder().resolve(STEALING_FILE));
    }

    @Test
    public void routeFileLifecycle() throws Exception {
        Path file = routesFolder().resolve(FILE);
        assertTrue("no left-over " + file, Files.notExists(file));

        // a new file: its route serves
        RouteFileStatus v1 = write(file, route("v1"), State.LOADED);
        assertEquals(List.of("itest-extra"), v1.routeIds());
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("itest-extra"));
        assertEquals("v1:ping", call("ping"));

        // a changed file: the new version serves, without a restart
        write(file, route("v2"), State.LOADED);
        assertEquals("v2:ping", call("ping"));

        // a broken file: FAILED with a reason, the previous version keeps serving
        RouteFileStatus broken = write(file, route("v3").replace("</routes>", ""), State.FAILED);
        assertNotNull("a FAILED file carries its error", broken.error());
        assertEquals("routes of the previous version stay in service", List.of("itest-extra"), broken.routeIds());
        assertEquals("v2:ping", call("ping"));
        // and the other files are untouched
        assertEquals(State.LOADED, fileStatus("sip.xml").orElseThrow().state());
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("sip-main"));

        // fixed again
        write(file, route("v4"), State.LOADED);
        assertEquals("v4:ping", call("ping"));

        // deleted: the route goes away and the file is no longer listed
        Files.delete(file);
        await(FILE + " unlisted after deletion", () -> fileStatus(FILE).isEmpty());
        await("route itest-extra removed", () -> context.getRoute("itest-extra") == null);
        try {
            call("ping", "?block=false");
            fail("direct:itest-extra still has a consumer after its file was deleted");
        } catch (CamelExecutionException expected) {
            assertTrue(
                    String.valueOf(expected.getCause()),
                    expected.getCause() instanceof DirectConsumerNotAvailableException);
        }
    }

    @Test
    public void aRouteIdOfAnotherFileIsRefused() throws Exception {
        Path file = routesFolder().resolve(STEALING_FILE);
        String stealing = "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">\n"
                + "  <route id=\"sip-options\"><from uri=\"direct:itest-steal\"/><setBody><constant>stolen</constant>"
                + "</setBody></route>\n"
                + "</routes>\n";
        RouteFileStatus status = write(file, stealing, State.FAILED);
        assertTrue("error names the route id: " + status.error(), status.error().contains("sip-options"));
        assertEquals(
                "sip-options still consumes from direct:options",
                "direct://options",
                context.getRoute("sip-options").getEndpoint().getEndpointUri());
        assertTrue(
                "no route consumes from direct:itest-steal",
                context.getRoutes().stream()
                        .noneMatch(r -> r.getEndpoint().getEndpointUri().contains("itest-steal")));
        assertEquals(State.LOADED, fileStatus("sip.xml").orElseThrow().state());
    }

    private static String route(String version) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">\n"
                + "  <route id=\"itest-extra\">\n"
                + "    <from uri=\"direct:itest-extra\"/>\n"
                + "    <setBody><simple>" + version + ":${body}</simple></setBody>\n"
                + "  </route>\n"
                + "</routes>\n";
    }

    private RouteFileStatus write(Path file, String content, State expected) throws Exception {
        Instant before = Instant.now();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return awaitFileStatus(file.getFileName().toString(), before, s -> s.state() == expected, expected.name());
    }

    private String call(String body) throws Exception {
        return call(body, "");
    }

    /** Sends to direct:itest-extra; {@code ?block=false} to fail at once when no route consumes. */
    private String call(String body, String options) throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            return template.requestBody("direct:itest-extra" + options, body, String.class);
        } finally {
            template.stop();
        }
    }
}
