package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.internal.metrics.ScaMeterBindingAccess;
import io.switchboard.sip.SipHeaders;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The call path (ScaCallRequests, ScaCallResponses): an outgoing call through hold, retrieve with Replaces
 * and BYE, a private hold, failures and CANCELs, the callee side. */
class ScaCallPathTest extends ScaEngineFixture {

    @Test
    void outgoingCallHoldRetrieveAndBye() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = ScaMeterBindingAccess.bind(registry, new ScaServiceComponent() {
            @Override
            public int appearancesIn(AppearanceState state) {
                return engine.appearancesIn(state);
            }
        })) {
            outgoingCallHoldRetrieveAndBye(registry);
        }
        assertNull(registry.find("switchboard.sca.appearances").gauge());
    }

    /** The appearances gauge of {@code state}, and that no other state has one. */
    private static void only(SimpleMeterRegistry registry, String state) {
        for (var g : registry.find("switchboard.sca.appearances").gauges()) {
            String s = g.getId().getTag("state");
            assertEquals(s.equals(state) ? 1 : 0, g.value(), s);
        }
    }

    private void outgoingCallHoldRetrieveAndBye(SimpleMeterRegistry registry) {
        membersSubscribe();
        only(registry, "none");
        subscribe("line-seize", "ls-a", "sip:a@127.0.0.1:5071", 15, "<sip:example.com>;appearance-index=1", false);
        only(registry, "seized");
        layer.sent.clear();
        Exchange invite = request(
                "INVITE",
                "call-1",
                "a-tag",
                null,
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@remote.net",
                "sip:a@127.0.0.1:5071",
                "<sip:example.com>;appearance-index=1",
                SENDRECV);
        assertEquals("Call-Info", invite.getIn().getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        assertEquals("Call-Info", invite.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS));
        Exchange other = request(
                "INVITE",
                "other",
                "o",
                null,
                "sip:carol@example.com",
                "sip:dave@example.com",
                "sip:dave@example.com",
                "sip:carol@h",
                null,
                SENDRECV);
        assertNull(other.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS)); // not a shared line: untouched
        Exchange toLine = request(
                "INVITE",
                "in",
                "o",
                null,
                "sip:carol@example.com",
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:carol@h",
                null,
                SENDRECV);
        assertEquals("Call-Info", toLine.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS));
        assertTrue(layer.sent.isEmpty());

        response("call-1", 180, "bob-tag", null);
        only(registry, "progressing");
        assertEquals("terminated;reason=noresource", layer.sent.get(0).state());
        assertEquals("line-seize", layer.sent.get(0).to().event());
        assertEquals(3, layer.callInfoNotifies().size());
        assertTrue(
                layer.callInfoNotifies()
                        .get(0)
                        .endsWith(
                                "appearance-index=1;appearance-state=progressing;appearance-uri=\"sip:bob@remote.net\","
                                        + IDLE),
                layer.callInfoNotifies().get(0));
        layer.sent.clear();

        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9:5090");
        assertTrue(
                layer.callInfoNotifies()
                        .get(0)
                        .endsWith("appearance-index=1;appearance-state=active;appearance-uri=\"sip:bob@remote.net\","
                                + IDLE),
                layer.callInfoNotifies().get(0));
        layer.sent.clear();

        request(
                "INVITE",
                "call-1",
                "a-tag",
                "bob-tag",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9:5090",
                "sip:a@127.0.0.1:5071",
                null,
                SENDONLY);
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-index=1;appearance-state=held;"));
        only(registry, "held");
        layer.sent.clear();

        // B picks up the held call: target = the remote party, Replaces the held dialog
        Exchange retrieve = request(
                "INVITE",
                "call-2",
                "b-tag",
                null,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:b@127.0.0.1:5072",
                "<sip:example.com>;appearance-index=1",
                SENDRECV);
        assertNull(retrieve.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("sip:bob@192.0.2.9:5090", retrieve.getIn().getHeader(SipHeaders.TARGETS));
        assertEquals("call-1;to-tag=bob-tag;from-tag=a-tag", retrieve.getIn().getHeader("SipProxyHeader.Replaces"));
        response("call-2", 200, "bob-tag-2", "sip:bob@192.0.2.9:5090");
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-index=1;appearance-state=active;"));
        assertEquals("sip:b@127.0.0.1:5072", sca.appearances(LINE).get(0).owner());
        layer.sent.clear();

        // bob ends the replaced dialog with A: nothing moves; then the new call ends: idle
        request(
                "BYE",
                "call-1",
                "bob-tag",
                "a-tag",
                "sip:bob@remote.net",
                "sip:" + LINE,
                "sip:a@127.0.0.1:5071",
                null,
                null,
                null);
        assertTrue(layer.sent.isEmpty());
        request(
                "BYE",
                "call-2",
                "b-tag",
                "bob-tag-2",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9:5090",
                null,
                null,
                null);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertTrue(sca.appearances().isEmpty());
        only(registry, "none");
    }

    @Test
    void heldPrivateCannotBeRetrieved() throws ScaException {
        membersSubscribe();
        memberACallsBobOnAppearance1();
        request(
                "INVITE",
                "call-1",
                "a-tag",
                "bob-tag",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9",
                "sip:a@h",
                "<sip:example.com>;appearance-index=1;appearance-state=held-private",
                SENDONLY);
        assertEquals(AppearanceState.HELD_PRIVATE, sca.appearances(LINE).get(0).state());
        Exchange retrieve = request(
                "INVITE",
                "call-2",
                "b-tag",
                null,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:b@h",
                "<sip:example.com>;appearance-index=1",
                SENDRECV);
        assertEquals(403, retrieve.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("Forbidden - private call", retrieve.getIn().getHeader(SipHeaders.REASON));
        // resume by the owner
        request(
                "INVITE",
                "call-1",
                "a-tag",
                "bob-tag",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9",
                "sip:a@h",
                null,
                SENDRECV);
        assertEquals(AppearanceState.ACTIVE, sca.appearances(LINE).get(0).state());
    }

    @Test
    void failedRetrieveGoesBackToHeldAndErrorsFreeTheAppearance() {
        membersSubscribe();
        memberACallsBobOnAppearance1();
        request(
                "INVITE",
                "call-1",
                "a-tag",
                "bob-tag",
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@192.0.2.9",
                "sip:a@h",
                null,
                SENDONLY);
        request(
                "INVITE",
                "call-2",
                "b-tag",
                null,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:" + LINE,
                "sip:b@h",
                "<sip:example.com>;appearance-index=1",
                SENDRECV);
        response("call-2", 481, "x", null);
        assertEquals(AppearanceState.HELD, sca.appearances(LINE).get(0).state());
        assertEquals("sip:a@h", sca.appearances(LINE).get(0).owner());
        assertEquals("call-1", sca.appearances(LINE).get(0).callId());

        // a second call on index 2 is rejected (486): idle; a CANCELled one too (487 then skipped)
        request(
                "INVITE",
                "call-3",
                "a3",
                null,
                "sip:" + LINE,
                "sip:carol@remote.net",
                "sip:carol@remote.net",
                "sip:a@h",
                "<sip:example.com>;appearance-index=2",
                SENDRECV);
        response("call-3", 486, "c", null);
        request(
                "INVITE",
                "call-4",
                "a4",
                null,
                "sip:" + LINE,
                "sip:carol@remote.net",
                "sip:carol@remote.net",
                "sip:a@h",
                "<sip:example.com>;appearance-index=2",
                SENDRECV);
        response("call-4", 180, "c", null);
        request(
                "CANCEL",
                "call-4",
                "a4",
                null,
                "sip:" + LINE,
                "sip:carol@remote.net",
                "sip:carol@remote.net",
                null,
                null,
                null);
        response("call-4", 487, "c", null);
        assertEquals(1, sca.appearances(LINE).size());
    }

    @Test
    void calleeSideActiveAfterTheAck() {
        membersSubscribe();
        calleeResponse("in-1", 200, "OK", "b-tag", "sip:b@h", 1);
        assertEquals(
                AppearanceState.ACTIVE_PENDING, sca.appearances(LINE).get(0).state());
        assertTrue(layer.sent.isEmpty());
        request("ACK", "in-1", "bob-tag", "b-tag", "sip:bob@remote.net", "sip:" + LINE, "sip:b@h", null, null, null);
        assertEquals(AppearanceState.ACTIVE, sca.appearances(LINE).get(0).state());
        assertTrue(layer.callInfoNotifies()
                .get(0)
                .contains("appearance-index=1;appearance-state=active;appearance-uri=\"sip:bob@remote.net\""));
    }

    @Test
    void calleeSideAlertsWhileRingingAndIdlesOnCancel() {
        membersSubscribe();
        calleeResponse("in-2", 180, "Ringing", "b-tag", "sip:b@h", 2);
        assertEquals(AppearanceState.ALERTING, sca.appearances(LINE).get(0).state());
        assertTrue(
                layer.callInfoNotifies()
                        .get(0)
                        .contains("appearance-index=2;appearance-state=alerting;appearance-uri=\"sip:bob@remote.net\""),
                layer.callInfoNotifies().get(0));
        layer.sent.clear();
        request(
                "CANCEL",
                "in-2",
                "bob-tag",
                null,
                "sip:bob@remote.net",
                "sip:" + LINE,
                "sip:" + LINE,
                null,
                null,
                null);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());

        // without Call-Info: the lowest free index; answered then ACKed
        calleeResponse("in-3", 180, "Ringing", "c-tag", "sip:c@h", null);
        calleeResponse("in-3", 200, "OK", "c-tag", "sip:c@h", null);
        assertEquals(1, sca.appearances(LINE).get(0).index());
        assertEquals(
                AppearanceState.ACTIVE_PENDING, sca.appearances(LINE).get(0).state());
        request("ACK", "in-3", "bob-tag", "c-tag", "sip:bob@remote.net", "sip:" + LINE, "sip:c@h", null, null, null);
        assertEquals(AppearanceState.ACTIVE, sca.appearances(LINE).get(0).state());
    }

    @Test
    void callInfoIsAddedToTheHeadersTheRouteStripsAlready() {
        Message in = new DefaultExchange(camel).getIn();
        ScaCallRequests.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals("Call-Info", in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        in.setHeader(SipHeaders.PROXY_REMOVE_HEADERS, "Proxy-Require");
        ScaCallRequests.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals(List.of("Proxy-Require", "Call-Info"), in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        in.setHeader(SipHeaders.PROXY_REMOVE_HEADERS, List.of("X-A", "X-B"));
        ScaCallRequests.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals(List.of("X-A", "X-B", "Call-Info"), in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
    }

    /** Member A calls bob@remote.net from appearance 1 (call-1, tag a-tag); bob answers (bob-tag). */
    private void memberACallsBobOnAppearance1() {
        request(
                "INVITE",
                "call-1",
                "a-tag",
                null,
                "sip:" + LINE,
                "sip:bob@remote.net",
                "sip:bob@remote.net",
                "sip:a@h",
                "<sip:example.com>;appearance-index=1",
                SENDRECV);
        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9");
    }
}
