package io.switchboard.callfwd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.callfwd.CallFwdHeaders;
import io.switchboard.dfks.DfksHeaders;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The decisions of the call features on exchanges as the default routes hand them over: DND, CFA (chained, to a
 * local user and outside), CFB and CFNA in the failure route, CFNA without device, loops and the forward limit, the
 * allow-list at set time, and one read of a user's features per call.
 */
class CallFeaturesTest {

    static final String D = "example.org";

    final Map<String, UserFeatures> stored = new HashMap<>();
    final List<String> reads = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final DefaultCamelContext camel = new DefaultCamelContext();

    CallFeatures features(Map<String, Object> settings) {
        CallFwdConfig c = CallFwdConfig.of(CallFwdConfig.reader(log::add).read(settings), log::add);
        return new CallFeatures(
                c,
                (user, domain) -> {
                    reads.add(user + "@" + domain);
                    return stored.getOrDefault(user + "@" + domain, UserFeatures.NONE);
                },
                new CallFeatures.DecisionLog() {
                    @Override
                    public void declined(
                            String callId, String fromUri, String fromTag, String toUri, String reason, String all) {
                        log.add("declined " + callId + " " + reason + " " + all);
                    }

                    @Override
                    public void decided(String callId, String all) {
                        log.add("decided " + callId + " " + all);
                    }
                },
                new TargetPolicy(h -> h.equals("localhost")));
    }

    CallFeatures features() {
        return features(Map.of());
    }

    Exchange call(String ruri, String... historyInfo) {
        Exchange e = new DefaultExchange(camel);
        Message m = e.getMessage();
        m.setHeader(SipHeaders.REQUEST_URI, ruri);
        m.setHeader(SipHeaders.CALL_ID, "call-1");
        m.setHeader(SipHeaders.FROM_URI, "sip:alice@" + D);
        m.setHeader(SipHeaders.FROM_TAG, "aTag");
        m.setHeader(SipHeaders.TO_URI, ruri);
        m.setHeader(SipProxyHeaders.LOCAL_TARGET, true);
        m.setHeader(SipHeaders.MESSAGE, request(List.of(historyInfo)));
        return e;
    }

    static SipMessage request(List<String> historyInfo) {
        return new SipMessage() {
            public String method() {
                return "INVITE";
            }

            public boolean isRequest() {
                return true;
            }

            public int status() {
                return 0;
            }

            public String header(String name) {
                return headers(name).isEmpty() ? null : headers(name).get(0);
            }

            public String header(String name, int index) {
                return index < headers(name).size() ? headers(name).get(index) : null;
            }

            public List<String> headers(String name) {
                return name.equalsIgnoreCase("History-Info") ? historyInfo : List.of();
            }

            public int headerCount(String name) {
                return headers(name).size();
            }

            public Set<String> headerNames() {
                return Set.of();
            }

            public byte[] body() {
                return new byte[0];
            }
        };
    }

    static Object h(Exchange e, String name) {
        return e.getMessage().getHeader(name);
    }

    @Test
    void noFeatureLeavesTheCallAloneAndReadsOnce() {
        CallFeatures f = features();
        Exchange e = call("sip:bob@" + D);
        f.apply(e);
        assertEquals("none", h(e, CallFwdHeaders.DECISION));
        assertEquals("bob@" + D, h(e, CallFwdHeaders.USER));
        assertEquals(false, h(e, CallFwdHeaders.DND));
        assertNull(h(e, SipHeaders.STATUS));
        assertNull(h(e, SipProxyHeaders.INVITE_TIMEOUT));
        assertEquals("sip:bob@" + D, h(e, SipHeaders.REQUEST_URI));
        e.getMessage().setHeader(SipProxyHeaders.STATUS, 486);
        f.failure(e);
        assertEquals(false, h(e, CallFwdHeaders.RETARGET));
        assertEquals(List.of("bob@" + D), reads, "one read of the user's features per call, not one per step");
    }

    @Test
    void dndAnswersTheConfiguredStatusAndRecordsTheCallWithoutRingingAnyDevice() {
        stored.put("bob@" + D, new UserFeatures(true, "sip:carol@" + D, null, null, null));
        Exchange e = call("sip:bob@" + D);
        features().apply(e);
        assertEquals(486, h(e, SipHeaders.STATUS));
        assertEquals("dnd", h(e, CallFwdHeaders.DECISION));
        assertEquals(List.of("declined call-1 dnd dnd"), log, "DND comes before CFA");

        Exchange e603 = call("sip:bob@" + D);
        features(Map.of("dnd_status", "603")).apply(e603);
        assertEquals(603, h(e603, SipHeaders.STATUS));
    }

    @Test
    void dndWithATargetForwardsToTheVoicemail() {
        stored.put("bob@" + D, new UserFeatures(true, null, null, null, null));
        Exchange e = call("sip:bob@" + D);
        features(Map.of("dnd_target", "sip:vm@" + D)).apply(e);
        assertNull(h(e, SipHeaders.STATUS));
        assertEquals("sip:vm@" + D, h(e, SipHeaders.REQUEST_URI));
        assertEquals(
                List.of("<sip:bob@" + D + ">;index=1", "<sip:vm@" + D + ";cause=486>;index=1.1;mp=1"),
                h(e, SipProxyHeaders.HEADER_PREFIX + "History-Info"));
    }

    @Test
    void cfaForwardsAtOnceWithHistoryInfoAndChainsThroughTheNextUsersFeatures() {
        stored.put("bob@" + D, new UserFeatures(false, "carol", null, null, null));
        stored.put("carol@" + D, new UserFeatures(false, "sip:dave@localhost", null, "sip:vm@" + D, 3));
        Exchange e = call("sip:bob@" + D + ":5060");
        features(Map.of("diversion", "true")).apply(e);
        assertEquals("sip:dave@localhost", h(e, SipHeaders.REQUEST_URI));
        assertEquals(true, h(e, SipProxyHeaders.LOCAL_TARGET));
        assertNull(h(e, SipProxyHeaders.TARGETS), "a local target is found by location:lookup");
        assertEquals(
                List.of(
                        "<sip:bob@" + D + ":5060>;index=1",
                        "<sip:carol@" + D + ";cause=302>;index=1.1;mp=1",
                        "<sip:dave@localhost;cause=302>;index=1.1.1;mp=1.1"),
                h(e, SipProxyHeaders.HEADER_PREFIX + "History-Info"));
        assertEquals(
                List.of(
                        "<sip:carol@" + D + ">;reason=unconditional;counter=1",
                        "<sip:bob@" + D + ">;reason=unconditional;counter=1"),
                h(e, SipProxyHeaders.HEADER_PREFIX + "Diversion"));
        assertEquals("cfa,cfa", h(e, CallFwdHeaders.DECISIONS));
        assertEquals(2, h(e, CallFwdHeaders.FORWARDS));
        assertEquals("dave@localhost", h(e, CallFwdHeaders.USER));
        assertEquals(List.of("bob@" + D, "carol@" + D, "dave@localhost"), reads);
        assertNull(h(e, SipProxyHeaders.INVITE_TIMEOUT), "dave has no CFNA: carol's does not ring dave");
    }

    @Test
    void aForwardCycleOrAChainPastTheLimitIsAnsweredWithAReason() {
        stored.put("bob@" + D, new UserFeatures(false, "sip:carol@" + D, null, null, null));
        stored.put("carol@" + D, new UserFeatures(false, "sip:bob@" + D, null, null, null));
        Exchange e = call("sip:bob@" + D);
        features().apply(e);
        assertEquals(482, h(e, SipHeaders.STATUS));
        assertTrue(h(e, SipHeaders.REASON).toString().startsWith("Loop Detected (call forwarding: forward loop"));
        assertEquals("loop", h(e, CallFwdHeaders.DECISION));
        assertTrue(log.contains("declined call-1 loop cfa,loop"), log.toString());

        stored.clear();
        for (int i = 0; i < 10; i++) {
            stored.put("u" + i + "@" + D, new UserFeatures(false, "u" + (i + 1), null, null, null));
        }
        Exchange chain = call("sip:u0@" + D);
        features(Map.of("loop_status", "480")).apply(chain);
        assertEquals(480, h(chain, SipHeaders.STATUS));
        assertEquals(5, h(chain, CallFwdHeaders.FORWARDS), "five forwards, the sixth refused");
        assertEquals("limit", h(chain, CallFwdHeaders.DECISION));
    }

    @Test
    void theHistoryInfoACallArrivesWithCountsAndCloses() {
        stored.put("bob@" + D, new UserFeatures(false, "sip:carol@" + D, null, null, null));
        Exchange e = call(
                "sip:bob@" + D,
                "<sip:carol@" + D + ">;index=1,<sip:x@elsewhere.net;cause=302>;index=1.1;mp=1",
                "<sip:bob@" + D + ";cause=302>;index=1.1.1;mp=1.1");
        features().apply(e);
        assertEquals(482, h(e, SipHeaders.STATUS), "carol was reached before on another platform");
    }

    @Test
    void anExternalTargetIsDialledOnlyWhenAllowed() {
        stored.put("bob@" + D, new UserFeatures(false, "sip:+4930123@pstn.example.net", null, null, null));
        Exchange refused = call("sip:bob@" + D);
        features().apply(refused);
        assertEquals("refused", h(refused, CallFwdHeaders.DECISION));
        assertNull(h(refused, SipHeaders.STATUS), "not dialled: the call rings bob as if CFA were off");
        assertEquals("sip:bob@" + D, h(refused, SipHeaders.REQUEST_URI));

        Exchange allowed = call("sip:bob@" + D);
        features(Map.of("external_allow", "sip:\\+49[0-9]+@pstn\\.example\\.net, (["))
                .apply(allowed);
        assertEquals(List.of("sip:+4930123@pstn.example.net"), h(allowed, SipProxyHeaders.TARGETS));
        assertEquals(false, h(allowed, SipProxyHeaders.LOCAL_TARGET));
        assertTrue(log.stream().anyMatch(l -> l.contains("external_allow pattern '([' rejected")), log.toString());
    }

    @Test
    void cfnaSetsTheRingTimeThenForwardsOnTimeoutAndCfbOnBusy() {
        stored.put("bob@" + D, new UserFeatures(false, null, "sip:busy@" + D, "sip:noanswer@" + D, 3));
        CallFeatures f = features(Map.of("ring_interval", "0.5"));
        Exchange e = call("sip:bob@" + D);
        f.apply(e);
        assertEquals(1500L, h(e, SipProxyHeaders.INVITE_TIMEOUT));
        assertEquals(3, h(e, CallFwdHeaders.RING_COUNT));
        e.getMessage().setHeader(SipProxyHeaders.STATUS, 408);
        f.failure(e);
        assertEquals(true, h(e, CallFwdHeaders.RETARGET));
        assertEquals("cfna", h(e, CallFwdHeaders.DECISION));
        assertEquals("sip:noanswer@" + D, h(e, SipHeaders.REQUEST_URI));
        assertNull(h(e, SipProxyHeaders.INVITE_TIMEOUT));
        assertTrue(
                h(e, SipProxyHeaders.HEADER_PREFIX + "History-Info").toString().contains(";cause=408>"));
        assertTrue(log.contains("decided call-1 cfna"), log.toString());

        Exchange busy = call("sip:bob@" + D);
        f.apply(busy);
        busy.getMessage().setHeader(SipProxyHeaders.STATUS, 486);
        f.failure(busy);
        assertEquals("sip:busy@" + D, h(busy, SipHeaders.REQUEST_URI));
        assertTrue(h(busy, SipProxyHeaders.HEADER_PREFIX + "History-Info")
                .toString()
                .contains(";cause=486>"));

        Exchange declined = call("sip:bob@" + D);
        f.apply(declined);
        declined.getMessage().setHeader(SipProxyHeaders.STATUS, 403);
        f.failure(declined);
        assertEquals(false, h(declined, CallFwdHeaders.RETARGET), "403 is neither busy nor no answer");
    }

    @Test
    void cfnaForAUserWithoutDeviceForwardsAtOnceInsteadOfTheLookupsAnswer() {
        stored.put("bob@" + D, new UserFeatures(false, null, null, "sip:vm@" + D, null));
        CallFeatures f = features();
        Exchange e = call("sip:bob@" + D);
        f.apply(e);
        assertEquals(24_000L, h(e, SipProxyHeaders.INVITE_TIMEOUT), "4 rings of 6 s by default");
        e.getMessage().setHeader(SipHeaders.STATUS, 480);
        f.unavailable(e);
        assertNull(h(e, SipHeaders.STATUS));
        assertEquals(true, h(e, CallFwdHeaders.RETARGET));
        assertTrue(
                h(e, SipProxyHeaders.HEADER_PREFIX + "History-Info").toString().contains("vm@" + D + ";cause=480"));

        Exchange none = call("sip:carol@" + D);
        f.apply(none);
        none.getMessage().setHeader(SipHeaders.STATUS, 404);
        f.unavailable(none);
        assertEquals(404, h(none, SipHeaders.STATUS), "no CFNA: the lookup's answer stays");
        assertFalse((Boolean) h(none, CallFwdHeaders.RETARGET));
    }

    @Test
    void theSetRouteCheckRefusesExternalTargetsOutsideTheAllowList() {
        CallFeatures f = features(Map.of("external_allow", "sip:[0-9]+@gw\\.example\\.net"));
        assertNull(check(f, "sip:carol@" + D, true));
        assertNull(check(f, "1002", true), "a number dialled is a user of the domain");
        assertNull(check(f, "sip:bob@localhost", true));
        assertNull(check(f, "sip:0900123@gw.example.net", true));
        assertEquals(
                "forward target sip:premium@evil.example is outside our domains and not in the allow-list",
                check(f, "sip:premium@evil.example", true));
        assertEquals("forward target tel:+123 is not a SIP address", check(f, "tel:+123", true));
        assertNull(check(f, "sip:premium@evil.example", false), "turning a forward off is never refused");
    }

    String check(CallFeatures f, String forwardTo, boolean on) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(DfksHeaders.DOMAIN, D);
        e.getMessage().setHeader(DfksHeaders.FORWARD_TO, forwardTo);
        e.getMessage().setHeader(DfksHeaders.STATUS, on);
        f.checkTarget(e);
        return e.getMessage().getHeader(DfksHeaders.REFUSED, String.class);
    }
}
