package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Before;
import org.junit.Test;

/**
 * SIPp against the running container, over UDP and TCP. Scenarios are in {@code src/test/sipp};
 * every run is bounded (-m, -timeout) and leaves its logs in {@code target/sipp/<run>-<transport>}.
 */
public class SippIT extends SwitchboardTestSupport {

    private static final String SIP_XML = "sip.xml";
    /** The start of sip-options; the modified copy adds its header at the end of this route. */
    private static final String OPTIONS_200 = "<route id=\"sip-options\">";

    /** Without the default routes in service every scenario would only time out: say why at once. */
    @Before
    public void defaultRoutesInService() {
        RouteFileStatus status =
                fileStatus(SIP_XML).orElseThrow(() -> new AssertionError("sip.xml not listed: " + routeFiles.status()));
        assertEquals(
                "sip.xml must be LOADED before SIPp can get answers; error: " + status.error(),
                State.LOADED,
                status.state());
    }

    @Test
    public void optionsGets200WithAllowAndAcceptOverUdp() throws Exception {
        assertSucceeded(Sipp.run("options", "options.xml", Transport.UDP, sipPort(), 5));
    }

    @Test
    public void optionsGets200WithAllowAndAcceptOverTcp() throws Exception {
        assertSucceeded(Sipp.run("options", "options.xml", Transport.TCP, sipPort(), 5));
    }

    /** CSeq without a number: the parser rejects a mandatory header, the request can still be answered. */
    @Test
    public void unparsableCSeqGets400AndTheSocketKeepsServingOverUdp() throws Exception {
        assertSucceeded(Sipp.run("unparsable-cseq", "malformed-then-options.xml", Transport.UDP, sipPort(), 2));
    }

    @Test
    public void unparsableCSeqGets400AndTheConnectionKeepsServingOverTcp() throws Exception {
        assertSucceeded(Sipp.run("unparsable-cseq", "malformed-then-options.xml", Transport.TCP, sipPort(), 2));
    }

    /** CSeq method differs from the request method (RFC 3261 8.1.1.5): parses, but is refused. */
    @Test
    public void cseqMethodMismatchGets400AndTheSocketKeepsServingOverUdp() throws Exception {
        assertSucceeded(Sipp.run("cseq-mismatch", "cseq-mismatch-then-options.xml", Transport.UDP, sipPort(), 2));
    }

    @Test
    public void cseqMethodMismatchGets400AndTheConnectionKeepsServingOverTcp() throws Exception {
        assertSucceeded(Sipp.run("cseq-mismatch", "cseq-mismatch-then-options.xml", Transport.TCP, sipPort(), 2));
    }

    @Test
    public void changedRouteFileChangesTheAnswerWithoutRestart() throws Exception {
        Path sipXml = routesFolder().resolve(SIP_XML);
        String original = Files.readString(sipXml, StandardCharsets.UTF_8);
        // the check of the new answer fails against the shipped routes: the scenario can fail
        Result before = Sipp.run("route-v2-before", "options-route-v2.xml", Transport.UDP, sipPort(), 1);
        assertNotEquals(
                "options-route-v2.xml passed before the route was changed:\n" + before.report(), 0, before.exitCode());

        String modified = withRouteVersionHeader(original);
        try {
            RouteFileStatus loaded = replace(sipXml, modified, State.LOADED);
            assertTrue(loaded.routeIds().contains("sip-options"));
            assertSucceeded(Sipp.run("route-v2", "options-route-v2.xml", Transport.UDP, sipPort(), 3));
            assertSucceeded(Sipp.run("route-v2", "options-route-v2.xml", Transport.TCP, sipPort(), 3));
        } finally {
            replace(sipXml, original, State.LOADED);
        }
        Result after = Sipp.run("route-v2-after", "options-route-v2.xml", Transport.UDP, sipPort(), 1);
        assertNotEquals("the restored routes still send X-Route-Version:\n" + after.report(), 0, after.exitCode());
        assertSucceeded(Sipp.run("options-restored", "options.xml", Transport.UDP, sipPort(), 1));
    }

    @Test
    public void brokenRouteFileIsReportedAndThePreviousRoutesKeepServing() throws Exception {
        Path sipXml = routesFolder().resolve(SIP_XML);
        String original = Files.readString(sipXml, StandardCharsets.UTF_8);
        String broken = original.replace("</routes>", "<route id=\"broken\"><from uri=\"direct:broken\"/>");
        assertNotEquals(original, broken);
        try {
            RouteFileStatus failed = replace(sipXml, broken, State.FAILED);
            assertNotNull(failed.error());
            assertTrue(
                    "routes kept in service: " + failed.routeIds(),
                    failed.routeIds().contains("sip-main"));
            assertSucceeded(Sipp.run("options-broken-file", "options.xml", Transport.UDP, sipPort(), 3));
            assertSucceeded(Sipp.run("options-broken-file", "options.xml", Transport.TCP, sipPort(), 3));
        } finally {
            replace(sipXml, original, State.LOADED);
        }
        assertEquals(State.LOADED, fileStatus(SIP_XML).orElseThrow().state());
    }

    /** sip.xml with {@code X-Route-Version: 2} added to the 200 of sip-options. */
    static String withRouteVersionHeader(String sipXml) {
        int at = sipXml.indexOf(OPTIONS_200);
        assertTrue("routes/sip.xml no longer has " + OPTIONS_200 + ": update this test", at >= 0);
        assertEquals("sip-options appears once", at, sipXml.lastIndexOf(OPTIONS_200));
        int insertAt = sipXml.indexOf("</route>", at);
        assertTrue("sip-options has an end", insertAt > at);
        return sipXml.substring(0, insertAt)
                + "  <setHeader name=\"SipHeader.X-Route-Version\"><constant>2</constant></setHeader>\n  "
                + sipXml.substring(insertAt);
    }

    private RouteFileStatus replace(Path file, String content, State expected) throws Exception {
        Instant before = Instant.now();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return awaitFileStatus(file.getFileName().toString(), before, s -> s.state() == expected, expected.name());
    }

    /** No package serves presence: RFC 6665's 489 Bad Event, not 405 (SUBSCRIBE itself is served). */
    @Test
    public void subscribeToAnUnservedEventPackageGets489() throws Exception {
        assertSucceeded(Sipp.run("subscribe-489", "subscribe-unknown-event-489.xml", Transport.UDP, sipPort(), 1));
    }
}
