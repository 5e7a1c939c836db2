package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The route tools of issue 14 on the wire, in one call between SIPp peers: a dial plan rule added over REST
 * translates the dialled 0049301234 to +49301234 (dialplan:translate in sip-call) and the callee gets that
 * Request-URI; the caller's hold re-INVITE (a=sendonly) is seen as hold by sdp:parse in sip-in-dialog, which tells
 * the callee in X-Hold, and reaches it without the sec-agree of Require and Proxy-Require (SipProxyRemoveValue.*;
 * without it the proxy would answer 420); the callee's 200 (a=recvonly) goes through the onReply route, which
 * removes X-Secret and adds what sdp:parse saw in the answer. calls.xml and sip.xml are restored afterwards.
 */
public class RouteToolsIT extends SwitchboardTestSupport {

    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";
    private static final String IN_DIALOG_ROUTE = "<from uri=\"direct:in-dialog\"/>";
    private static final Pattern IN_DIALOG_RELAY =
            Pattern.compile("(<route id=\"sip-in-dialog\">.*?)<to uri=\"proxy:relay\"/>", Pattern.DOTALL);
    private static final int DPID = 4901;

    @Test
    public void dialPlanHoldDetectionAndSecAgreeStrippedOnOneCall() throws Exception {
        await(
                "sip.xml and calls.xml LOADED",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && fileStatus("calls.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false));
        await("/api/dialplan served", () -> {
            try {
                return api("GET", "/api/dialplan", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> bad = api("POST", "/api/dialplan", "{\"dpid\": " + DPID + ", \"match_exp\": \"^(0049\"}");
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("match_exp is not a valid regular expression"));
        HttpResponse<String> added = api(
                "POST",
                "/api/dialplan",
                "{\"dpid\": " + DPID + ", \"pr\": 1, \"match_op\": \"regex\", \"match_exp\": \"^0049\","
                        + " \"subst_exp\": \"^0049(\\\\d+)$\", \"repl_exp\": \"+49\\\\1\", \"attrs\": \"de\"}");
        assertEquals(added.body(), 201, added.statusCode());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(added.body());
        assertTrue(added.body(), id.find());
        HttpResponse<String> listed = api("GET", "/api/dialplan/" + DPID, null);
        assertTrue(listed.body(), listed.body().contains("\"repl_exp\":\"+49\\\\1\""));

        int uasPort = Sipp.freePort();
        Path callsXml = routesFolder().resolve("calls.xml");
        Path sipXml = routesFolder().resolve("sip.xml");
        String calls = Files.readString(callsXml, StandardCharsets.UTF_8);
        String sip = Files.readString(sipXml, StandardCharsets.UTF_8);
        assertTrue("routes/calls.xml has no " + CALL_ROUTE + ": update this test", calls.contains(CALL_ROUTE));
        assertTrue("routes/sip.xml has no " + IN_DIALOG_ROUTE + ": update this test", sip.contains(IN_DIALOG_ROUTE));
        Matcher relay = IN_DIALOG_RELAY.matcher(sip);
        assertTrue("routes/sip.xml's sip-in-dialog has no proxy:relay: update this test", relay.find());
        try {
            replaceRouteFile(callsXml, calls.replace(CALL_ROUTE, CALL_ROUTE + dialPlan(uasPort)));
            replaceRouteFile(sipXml, withTools(sip, relay));
            Running uas = Sipp.startUas("route-tools", "uas-route-tools.xml", sipPort(), uasPort, 1);
            try {
                Result caller = Sipp.run("route-tools", "uac-route-tools.xml", Transport.UDP, sipPort(), 1);
                Result callee = uas.await();
                assertSucceeded(caller);
                assertSucceeded(callee);
            } finally {
                uas.kill();
            }
        } finally {
            replaceRouteFile(sipXml, sip);
            replaceRouteFile(callsXml, calls);
            HttpResponse<String> removed = api("DELETE", "/api/dialplan/rules/" + id.group(1), null);
            assertEquals(removed.body(), 204, removed.statusCode());
        }
    }

    /** sip-call: the route example of the dialplan guide, the translated Request-URI as the one target. */
    private String dialPlan(int uasPort) {
        return "\n<filter><simple>${header.SipRequestUri} starts with 'sip:0049'</simple>"
                + "<to uri=\"dialplan:translate?id=" + DPID + "\"/>"
                + "<setHeader name=\"SipProxyHeader.X-Dialplan\"><simple>${header.SipDialplanMatched}"
                + " ${header.SipDialplanAttrs}</simple></setHeader>"
                + "<setHeader name=\"SipTargets\"><simple>${header.SipRequestUri.replace(':" + sipPort() + "', ':"
                + uasPort + "')}</simple></setHeader></filter>\n";
    }

    /** sip-in-dialog: sdp:parse and the header tools before its proxy:relay, which gets an onReply route. */
    private static String withTools(String sip, Matcher relay) {
        String tools = "<filter><simple>${header.SipMethod} == 'INVITE'</simple><to uri=\"sdp:parse\"/>"
                + "<setHeader name=\"SipProxyHeader.X-Hold\"><simple>${header.SipSdpHold}"
                + " ${header.SipSdpHoldReason}</simple></setHeader></filter>"
                + "<setHeader name=\"SipProxyRemoveValue.Require\"><constant>sec-agree</constant></setHeader>"
                + "<setHeader name=\"SipProxyRemoveValue.Proxy-Require\"><constant>sec-agree</constant></setHeader>"
                + "<to uri=\"proxy:relay?onReply=direct:itest-reply\"/>";
        String reply = "<route id=\"itest-reply\"><from uri=\"direct:itest-reply\"/>"
                + "<setHeader name=\"SipProxyRemoveHeaders\"><constant>X-Secret</constant></setHeader>"
                + "<filter><simple>${header.SipStatus} == 200 &amp;&amp; ${header.SipMethod} == 'INVITE'</simple>"
                + "<to uri=\"sdp:parse\"/>"
                + "<setHeader name=\"SipProxyAddHeader.X-Answer-Hold\"><simple>${header.SipSdpHold}"
                + " ${header.SipSdpHoldReason}</simple></setHeader></filter></route>\n";
        String out = sip.substring(0, relay.start()) + relay.group(1) + tools + sip.substring(relay.end());
        return out.replace("</routes>", reply + "</routes>");
    }
}
