package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.junit.Test;

/**
 * Broken versions of the shipped {@code routes/calls.xml} saved into the running distribution while SIPp keeps a
 * steady call rate through the default routes: each is refused with file, line and reason (status, shell, REST),
 * the previous routes keep serving, the good version loads on the next save, and no call of the run fails. Then a
 * file that declares no routes takes the call routes away and an INVITE gets 503 with Retry-After at once.
 */
public class BrokenRouteFilesIT extends SwitchboardTestSupport {

    private static final String CALLS_XML = "calls.xml";
    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";
    /** 20 calls/s (SIPp's -r) for 30 s: the edits below take about 10 s. */
    private static final int CALLS = 600;

    /** A broken variant of the good file and a piece of the reason it must be refused with. */
    private record Broken(String what, String content, String reason) {}

    @Test
    public void brokenVersionsOfCallsXmlNeverTakeCallsDown() throws Exception {
        Path file = routesFolder().resolve(CALLS_XML);
        String original = Files.readString(file, StandardCharsets.UTF_8);
        awaitFileStatus(CALLS_XML, Instant.EPOCH, s -> s.state() == State.LOADED, "LOADED");
        List<String> ids = fileStatus(CALLS_XML).orElseThrow().routeIds();
        assertTrue("calls.xml serves sip-call: " + ids, ids.contains("sip-call"));

        // the good version: the shipped one, sending itest-callee's calls to the SIPp UAS (as ProxyIT does)
        int uasPort = Sipp.freePort();
        String good = original.replace(
                CALL_ROUTE,
                CALL_ROUTE
                        + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-callee@'</simple>"
                        + "<setHeader name=\"SipTargets\"><constant>sip:itest-callee@127.0.0.1:" + uasPort
                        + "</constant>"
                        + "</setHeader></when></choice>\n");
        assertTrue("routes/calls.xml has no " + CALL_ROUTE + ": update this test", !good.equals(original));
        save(file, good, State.LOADED);

        List<Broken> broken = List.of(
                new Broken(
                        "a comment with --",
                        good.replace("<route id=\"sip-call\">", "<!-- -- not allowed -- --><route id=\"sip-call\">"),
                        "not permitted within comments"),
                new Broken("not closed", good.replace("</routes>", ""), "calls.xml:"),
                new Broken("an empty file", "", "the file is empty"),
                new Broken(
                        "the Spring namespace",
                        good.replace("schema/xml-io", "schema/spring"),
                        "route files use xmlns"),
                new Broken("an unknown element", good.replace("<log ", "<logg "), "logg"),
                new Broken(
                        "an unknown attribute",
                        good.replace("<route id=\"sip-call\">", "<route id=\"sip-call\" priority=\"high\">"),
                        "priority"),
                new Broken(
                        "an unknown component",
                        good.replace(CALL_ROUTE, CALL_ROUTE + "<to uri=\"nosuchcomponent:x\"/>"),
                        "nosuchcomponent"),
                new Broken(
                        "an endpoint option that does not exist",
                        good.replace(CALL_ROUTE, "<from uri=\"direct:call?noSuchOption=1\"/>"),
                        "noSuchOption"),
                new Broken(
                        "a route id of sip.xml",
                        good.replace(
                                "</routes>",
                                "<route id=\"sip-main\"><from uri=\"direct:clash\"/><log message=\"x\"/></route>"
                                        + "</routes>"),
                        "sip.xml"));

        Running uas = Sipp.start("rf-uas", "uas-call.xml", sipPort(), uasPort, CALLS, 60);
        Running uac = null;
        try {
            uac = Sipp.start(
                    "rf-uac",
                    "uac-call.xml",
                    sipPort(),
                    Sipp.freePort(),
                    CALLS,
                    60,
                    "-r",
                    "20",
                    "-l",
                    "100",
                    "-recv_timeout",
                    "5000");
            int version = 0;
            for (Broken b : broken) {
                RouteFileStatus refused = save(file, b.content(), State.FAILED);
                assertTrue(b.what() + ": " + refused.error(), refused.error().contains(b.reason()));
                assertTrue(
                        b.what() + ": names the file: " + refused.error(),
                        refused.error().startsWith(CALLS_XML));
                assertEquals(b.what() + ": the routes of the previous version stay", ids, refused.routeIds());
                assertEquals(
                        b.what(),
                        ServiceStatus.Started,
                        context.getRouteController().getRouteStatus("sip-call"));
                if (version == 0) {
                    String shell = executeCommand("switchboard:routes");
                    assertTrue("switchboard:routes shows the error:\n" + shell, shell.contains(refused.error()));
                    String rest = api("GET", "/api/routes", null).body();
                    assertTrue(
                            "GET /api/routes shows the error:\n" + rest,
                            rest.contains("not permitted within comments"));
                }
                // the next good save loads (a comment makes each version differ from the one before)
                RouteFileStatus loaded = save(file, good + "<!-- version " + (++version) + " -->\n", State.LOADED);
                assertEquals(b.what() + " corrected", ids, loaded.routeIds());
            }
            // deleted and written again: the routes never left
            Files.delete(file);
            Thread.sleep(300);
            assertEquals(
                    "sip-call still in service after its file was deleted",
                    ServiceStatus.Started,
                    context.getRouteController().getRouteStatus("sip-call"));
            save(file, good, State.LOADED);

            Result caller = uac.await();
            Result callee = uas.await();
            assertSucceeded(caller);
            assertSucceeded(callee);
        } finally {
            if (uac != null) {
                uac.kill();
            }
            uas.kill();
            save(file, original, State.LOADED);
        }
    }

    @Test
    public void withoutCallRoutesAnInviteGets503AtOnce() throws Exception {
        Path file = routesFolder().resolve(CALLS_XML);
        String good = Files.readString(file, StandardCharsets.UTF_8);
        awaitFileStatus(CALLS_XML, Instant.EPOCH, s -> s.state() == State.LOADED, "LOADED");
        try {
            RouteFileStatus none =
                    save(file, "<routes xmlns=\"http://camel.apache.org/schema/xml-io\"/>\n", State.LOADED);
            assertEquals("a file that declares no routes serves none", List.of(), none.routeIds());
            long start = System.nanoTime();
            assertSucceeded(Sipp.run("rf-no-route", "invite-no-route-503.xml", Transport.UDP, sipPort(), 3));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Camel's direct: default would park each INVITE 30 s; SIPp's own start and stop are in this figure
            assertTrue("three INVITEs answered in " + millis + " ms", millis < 10_000);
        } finally {
            save(file, good, State.LOADED);
        }
    }

    private RouteFileStatus save(Path file, String content, State expected) throws Exception {
        if (Files.exists(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(content)
                && fileStatus(file.getFileName().toString())
                        .map(s -> s.state() == expected)
                        .orElse(false)) {
            return fileStatus(file.getFileName().toString()).orElseThrow(); // nothing to change
        }
        Instant before = Instant.now();
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return awaitFileStatus(file.getFileName().toString(), before, s -> s.state() == expected, expected.name());
    }
}
