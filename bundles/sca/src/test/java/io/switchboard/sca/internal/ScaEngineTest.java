package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScaEngineTest {

    static final String LINE = "215@example.com";

    record Notified(Subscription to, String state, NotifyBody body) {
    }

    /** The subscription layer reduced to what the engine uses; records every NOTIFY. */
    static final class FakeLayer implements SubscriptionService {
        final Map<String, Sub> subs = new LinkedHashMap<>();
        final List<Notified> sent = new ArrayList<>();

        record Sub(String id, String event, String presentity, String watcher, SipDialog dialog, long expiresAt) implements Subscription {
        }

        @Override
        public SubscribeRequest check(Exchange ex, EventPackage pkg) {
            var in = ex.getIn();
            Integer e = in.getHeader(SipHeaders.EXPIRES, Integer.class);
            int expires = Math.min(e == null ? pkg.defaultExpires() : e, pkg.maxExpires());
            String callId = in.getHeader(SipHeaders.CALL_ID, String.class);
            if (in.getHeader(SipHeaders.TO_TAG) != null) {
                Sub s = subs.get(callId);
                if (s == null) {
                    in.setHeader(SipHeaders.STATUS, 481);
                    return null;
                }
                return new SubscribeRequest(ex, pkg, s.presentity(), expires, s);
            }
            return new SubscribeRequest(ex, pkg, LINE, expires, null);
        }

        @Override
        public Subscription accept(SubscribeRequest r, NotifyBody state) {
            Subscription s = acceptQuietly(r);
            sent.add(new Notified(s, r.expires() == 0 ? "terminated" : "active", state));
            return s;
        }

        @Override
        public Subscription acceptQuietly(SubscribeRequest r) {
            var in = r.exchange().getIn();
            in.setHeader("answered", r.pkg().successStatus());
            String callId = in.getHeader(SipHeaders.CALL_ID, String.class);
            if (r.expires() == 0) {
                return r.existing() != null ? subs.remove(callId) : new Sub(callId, r.pkg().event(), r.presentity(), "w", null, 0);
            }
            Sub s = new Sub(callId, r.pkg().event(), r.presentity(), "w", new SipDialog(callId, "sip:" + LINE, "t", "sip:" + LINE,
                    "f", in.getHeader(SipHeaders.CONTACT, String.class), List.of(), 1), r.expires());
            subs.put(callId, s);
            return s;
        }

        @Override
        public void notify(Subscription s, NotifyBody body) {
            sent.add(new Notified(s, "active", body));
        }

        @Override
        public boolean terminate(Subscription s, String reason, NotifyBody body) {
            if (subs.remove(s.id()) == null) {
                return false;
            }
            sent.add(new Notified(s, "terminated;reason=" + reason, body));
            return true;
        }

        @Override
        public int notifyAll(String event, String presentity, NotifyBody body) {
            List<Subscription> to = subscriptions(event, presentity);
            to.forEach(s -> notify(s, body));
            return to.size();
        }

        @Override
        public List<Subscription> subscriptions(String event, String presentity) {
            return new ArrayList<>(subs.values().stream().filter(s -> s.event().equals(event) && s.presentity().equals(presentity)).toList());
        }

        @Override
        public List<Subscription> all() {
            return new ArrayList<>(subs.values());
        }

        @Override
        public int size() {
            return subs.size();
        }

        @Override
        public long[] notifyCounters() {
            return new long[4];
        }

        /** Call-Info of the NOTIFYs sent to call-info subscribers since the last call, cleared. */
        List<String> callInfoNotifies() {
            List<String> out = new ArrayList<>();
            for (Notified n : sent) {
                if (n.to().event().equals("call-info")) {
                    out.add(n.to().id() + " " + n.body().headers().get("Call-Info"));
                }
            }
            return out;
        }
    }

    /** A request or response with headers and a body. */
    record Msg(String method, Map<String, List<String>> h, String sdp) implements SipMessage {
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
            return h.getOrDefault(name, List.of());
        }

        public int headerCount(String name) {
            return headers(name).size();
        }

        public Set<String> headerNames() {
            return h.keySet();
        }

        public byte[] body() {
            return sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.US_ASCII);
        }
    }

    static final String SENDRECV = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 0\r\na=sendrecv\r\n";
    static final String SENDONLY = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 0\r\na=sendonly\r\n";

    final AtomicLong now = new AtomicLong(1_000_000);
    final FakeLayer layer = new FakeLayer();
    DefaultCamelContext camel;
    ScaEngine engine;

    @BeforeEach
    void setUp() {
        camel = new DefaultCamelContext();
        engine = new ScaEngine(layer, ScaConfig.from(Map.of("max_appearances", "3")), now::get);
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    Exchange subscribe(String event, String callId, String contact, Integer expires, String callInfo, boolean inDialog) {
        Exchange ex = new DefaultExchange(camel);
        var in = ex.getIn();
        in.setHeader(SipHeaders.METHOD, "SUBSCRIBE");
        in.setHeader(SipHeaders.EVENT, event);
        in.setHeader(SipHeaders.CALL_ID, callId);
        in.setHeader(SipHeaders.FROM_TAG, "ft-" + callId);
        in.setHeader(SipHeaders.TO_URI, "sip:" + LINE);
        in.setHeader(SipHeaders.REQUEST_URI, "sip:" + LINE);
        in.setHeader(SipHeaders.CONTACT, contact);
        if (inDialog) {
            in.setHeader(SipHeaders.TO_TAG, "t");
        }
        if (expires != null) {
            in.setHeader(SipHeaders.EXPIRES, expires);
        }
        in.setHeader(SipHeaders.MESSAGE, new Msg("SUBSCRIBE", callInfo == null ? Map.of() : Map.of("Call-Info", List.of(callInfo)), null));
        engine.subscribe(ex);
        return ex;
    }

    Exchange request(String method, String callId, String fromTag, String toTag, String from, String to, String ruri,
                     String contact, String callInfo, String sdp) {
        Exchange ex = new DefaultExchange(camel);
        var in = ex.getIn();
        in.setHeader(SipHeaders.METHOD, method);
        in.setHeader(SipHeaders.CALL_ID, callId);
        in.setHeader(SipHeaders.FROM_TAG, fromTag);
        if (toTag != null) {
            in.setHeader(SipHeaders.TO_TAG, toTag);
        }
        in.setHeader(SipHeaders.FROM_URI, from);
        in.setHeader(SipHeaders.TO_URI, to);
        in.setHeader(SipHeaders.REQUEST_URI, ruri);
        in.setHeader(SipHeaders.CONTACT, contact);
        in.setHeader(SipHeaders.MESSAGE, new Msg(method, callInfo == null ? Map.of() : Map.of("Call-Info", List.of(callInfo)), sdp));
        engine.request(ex);
        return ex;
    }

    void response(String callId, int status, String toTag, String contact) {
        engine.response(new SipProxyEvent(SipProxyEvent.Kind.RESPONSE, "INVITE", callId, "sip:" + LINE, "a-tag", "sip:bob@remote.net",
                toTag, 1, status, null, contact, null, false, now.get(), null));
    }

    void membersSubscribe() {
        subscribe("call-info", "ci-a", "sip:a@127.0.0.1:5071", 3600, null, false);
        subscribe("call-info", "ci-b", "sip:b@127.0.0.1:5072", 3600, null, false);
        subscribe("call-info", "ci-c", "sip:c@127.0.0.1:5073", null, null, false);
        layer.sent.clear();
    }

    static final String IDLE = "<sip:example.com>;appearance-index=*;appearance-state=idle";

    @Test
    void callInfoSubscribeIs202WithTheFullState() {
        Exchange ex = subscribe("call-info", "ci-a", "sip:a@127.0.0.1:5071", null, null, false);
        assertEquals(202, ex.getIn().getHeader("answered"));
        assertEquals(IDLE, layer.sent.get(0).body().headers().get("Call-Info"));
        assertEquals(3600, ((FakeLayer.Sub) layer.sent.get(0).to()).expiresAt()); // package default, not 0
    }

    @Test
    void lineSeizeReservesTheIndexAndNotifiesEveryMember() {
        membersSubscribe();
        Exchange ex = subscribe("line-seize", "ls-a", "sip:a@127.0.0.1:5071", 30, "<sip:example.com>;appearance-index=1", false);
        assertEquals(200, ex.getIn().getHeader("answered"));
        assertEquals(15, ((FakeLayer.Sub) layer.subs.get("ls-a")).expiresAt()); // line_seize_max_expires
        assertEquals("<sip:example.com>;appearance-index=1", layer.sent.get(0).body().headers().get("Call-Info"));
        String seized = "<sip:example.com>;appearance-index=1;appearance-state=seized," + IDLE;
        assertEquals(List.of("ci-a " + seized, "ci-b " + seized, "ci-c " + seized), layer.callInfoNotifies());

        // the loser of the race: 480 + Retry-After 1, nothing NOTIFYed
        layer.sent.clear();
        Exchange busy = subscribe("line-seize", "ls-b", "sip:b@127.0.0.1:5072", 15, "<sip:example.com>;appearance-index=1", false);
        assertEquals(480, busy.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("1", busy.getIn().getHeader("SipHeader.Retry-After"));
        assertTrue(layer.sent.isEmpty());
        assertFalse(layer.subs.containsKey("ls-b"));

        // index 0: the lowest free one; a refresh does not seize again
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 15, "<sip:example.com>;appearance-index=0", false);
        assertEquals("<sip:example.com>;appearance-index=2", layer.sent.get(0).body().headers().get("Call-Info"));
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 15, null, true);
        assertEquals(2, engine.appearances(LINE).size());

        // un-subscribe releases and NOTIFYs idle
        layer.sent.clear();
        subscribe("line-seize", "ls-c", "sip:c@127.0.0.1:5073", 0, null, true);
        assertEquals(1, engine.appearances(LINE).size());
        assertTrue(layer.callInfoNotifies().get(0).endsWith(seized));
    }

    @Test
    void badLineSeizeRequests() {
        assertEquals(400, subscribe("line-seize", "x1", "sip:a@h", 15, null, false).getIn().getHeader(SipHeaders.STATUS));
        assertEquals("Bad Request - missing Call-Info header", subscribe("line-seize", "x2", "sip:a@h", 15, null, false).getIn().getHeader(SipHeaders.REASON));
        assertEquals("Bad Request - Invalid Call-Info header",
                subscribe("line-seize", "x3", "sip:a@h", 15, "<sip:d>;appearance-index=x", false).getIn().getHeader(SipHeaders.REASON));
        assertEquals("Bad Event", subscribe("presence", "x4", "sip:a@h", 15, null, false).getIn().getHeader(SipHeaders.REASON));
        assertEquals(481, subscribe("line-seize", "x5", "sip:a@h", 15, null, true).getIn().getHeader(SipHeaders.STATUS));
    }

    @Test
    void maxAppearancesGives480() {
        for (int i = 1; i <= 3; i++) {
            subscribe("line-seize", "ls" + i, "sip:a@h", 15, "<sip:example.com>;appearance-index=0", false);
        }
        Exchange full = subscribe("line-seize", "ls4", "sip:a@h", 15, "<sip:example.com>;appearance-index=0", false);
        assertEquals(480, full.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("1", full.getIn().getHeader("SipHeader.Retry-After"));
    }

    @Test
    void callInfoIsAddedToTheHeadersTheRouteStripsAlready() {
        Message in = new DefaultExchange(camel).getIn();
        ScaEngine.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals("Call-Info", in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        in.setHeader(SipHeaders.PROXY_REMOVE_HEADERS, "Proxy-Require");
        ScaEngine.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals(List.of("Proxy-Require", "Call-Info"), in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        in.setHeader(SipHeaders.PROXY_REMOVE_HEADERS, List.of("X-A", "X-B"));
        ScaEngine.addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
        assertEquals(List.of("X-A", "X-B", "Call-Info"), in.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
    }

    @Test
    void outgoingCallHoldRetrieveAndBye() {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@127.0.0.1:5071", 15, "<sip:example.com>;appearance-index=1", false);
        layer.sent.clear();
        Exchange invite = request("INVITE", "call-1", "a-tag", null, "sip:" + LINE, "sip:bob@remote.net", "sip:bob@remote.net",
                "sip:a@127.0.0.1:5071", "<sip:example.com>;appearance-index=1", SENDRECV);
        assertEquals("Call-Info", invite.getIn().getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        assertEquals("Call-Info", invite.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS));
        Exchange other = request("INVITE", "other", "o", null, "sip:carol@example.com", "sip:dave@example.com", "sip:dave@example.com",
                "sip:carol@h", null, SENDRECV);
        assertNull(other.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS)); // not a shared line: untouched
        Exchange toLine = request("INVITE", "in", "o", null, "sip:carol@example.com", "sip:" + LINE, "sip:" + LINE,
                "sip:carol@h", null, SENDRECV);
        assertEquals("Call-Info", toLine.getIn().getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS));
        assertTrue(layer.sent.isEmpty());

        response("call-1", 180, "bob-tag", null);
        assertEquals("terminated;reason=noresource", layer.sent.get(0).state());
        assertEquals("line-seize", layer.sent.get(0).to().event());
        assertEquals(3, layer.callInfoNotifies().size());
        assertTrue(layer.callInfoNotifies().get(0).endsWith(
                "appearance-index=1;appearance-state=progressing;appearance-uri=\"sip:bob@remote.net\"," + IDLE), layer.callInfoNotifies().get(0));
        layer.sent.clear();

        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9:5090");
        assertTrue(layer.callInfoNotifies().get(0).endsWith(
                "appearance-index=1;appearance-state=active;appearance-uri=\"sip:bob@remote.net\"," + IDLE), layer.callInfoNotifies().get(0));
        layer.sent.clear();

        request("INVITE", "call-1", "a-tag", "bob-tag", "sip:" + LINE, "sip:bob@remote.net", "sip:bob@192.0.2.9:5090",
                "sip:a@127.0.0.1:5071", null, SENDONLY);
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-index=1;appearance-state=held;"));
        layer.sent.clear();

        // B picks up the held call: target = the remote party, Replaces the held dialog
        Exchange retrieve = request("INVITE", "call-2", "b-tag", null, "sip:" + LINE, "sip:" + LINE, "sip:" + LINE,
                "sip:b@127.0.0.1:5072", "<sip:example.com>;appearance-index=1", SENDRECV);
        assertNull(retrieve.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("sip:bob@192.0.2.9:5090", retrieve.getIn().getHeader(SipHeaders.TARGETS));
        assertEquals("call-1;to-tag=bob-tag;from-tag=a-tag", retrieve.getIn().getHeader("SipProxyHeader.Replaces"));
        response("call-2", 200, "bob-tag-2", "sip:bob@192.0.2.9:5090");
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-index=1;appearance-state=active;"));
        assertEquals("sip:b@127.0.0.1:5072", engine.appearances(LINE).get(0).owner());
        layer.sent.clear();

        // bob ends the replaced dialog with A: nothing moves; then the new call ends: idle
        request("BYE", "call-1", "bob-tag", "a-tag", "sip:bob@remote.net", "sip:" + LINE, "sip:a@127.0.0.1:5071", null, null, null);
        assertTrue(layer.sent.isEmpty());
        request("BYE", "call-2", "b-tag", "bob-tag-2", "sip:" + LINE, "sip:bob@remote.net", "sip:bob@192.0.2.9:5090", null, null, null);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertTrue(engine.appearances().isEmpty());
    }

    @Test
    void heldPrivateCannotBeRetrieved() throws ScaException {
        membersSubscribe();
        request("INVITE", "call-1", "a-tag", null, "sip:" + LINE, "sip:bob@remote.net", "sip:bob@remote.net",
                "sip:a@h", "<sip:example.com>;appearance-index=1", SENDRECV);
        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9");
        request("INVITE", "call-1", "a-tag", "bob-tag", "sip:" + LINE, "sip:bob@remote.net", "sip:bob@192.0.2.9",
                "sip:a@h", "<sip:example.com>;appearance-index=1;appearance-state=held-private", SENDONLY);
        assertEquals(AppearanceState.HELD_PRIVATE, engine.appearances(LINE).get(0).state());
        Exchange retrieve = request("INVITE", "call-2", "b-tag", null, "sip:" + LINE, "sip:" + LINE, "sip:" + LINE,
                "sip:b@h", "<sip:example.com>;appearance-index=1", SENDRECV);
        assertEquals(403, retrieve.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("Forbidden - private call", retrieve.getIn().getHeader(SipHeaders.REASON));
        // resume by the owner
        request("INVITE", "call-1", "a-tag", "bob-tag", "sip:" + LINE, "sip:bob@remote.net", "sip:bob@192.0.2.9", "sip:a@h", null, SENDRECV);
        assertEquals(AppearanceState.ACTIVE, engine.appearances(LINE).get(0).state());
    }

    @Test
    void failedRetrieveGoesBackToHeldAndErrorsFreeTheAppearance() {
        membersSubscribe();
        request("INVITE", "call-1", "a-tag", null, "sip:" + LINE, "sip:bob@remote.net", "sip:bob@remote.net",
                "sip:a@h", "<sip:example.com>;appearance-index=1", SENDRECV);
        response("call-1", 200, "bob-tag", "sip:bob@192.0.2.9");
        request("INVITE", "call-1", "a-tag", "bob-tag", "sip:" + LINE, "sip:bob@remote.net", "sip:bob@192.0.2.9", "sip:a@h", null, SENDONLY);
        request("INVITE", "call-2", "b-tag", null, "sip:" + LINE, "sip:" + LINE, "sip:" + LINE, "sip:b@h", "<sip:example.com>;appearance-index=1", SENDRECV);
        response("call-2", 481, "x", null);
        assertEquals(AppearanceState.HELD, engine.appearances(LINE).get(0).state());
        assertEquals("sip:a@h", engine.appearances(LINE).get(0).owner());
        assertEquals("call-1", engine.appearances(LINE).get(0).callId());

        // a second call on index 2 is rejected (486): idle; a CANCELled one too (487 then skipped)
        request("INVITE", "call-3", "a3", null, "sip:" + LINE, "sip:carol@remote.net", "sip:carol@remote.net", "sip:a@h",
                "<sip:example.com>;appearance-index=2", SENDRECV);
        response("call-3", 486, "c", null);
        request("INVITE", "call-4", "a4", null, "sip:" + LINE, "sip:carol@remote.net", "sip:carol@remote.net", "sip:a@h",
                "<sip:example.com>;appearance-index=2", SENDRECV);
        response("call-4", 180, "c", null);
        request("CANCEL", "call-4", "a4", null, "sip:" + LINE, "sip:carol@remote.net", "sip:carol@remote.net", null, null, null);
        response("call-4", 487, "c", null);
        assertEquals(1, engine.appearances(LINE).size());
    }

    @Test
    void expiredLineSeizeFreesASeizedAppearanceAndStaleOnesArePurged() throws ScaException {
        membersSubscribe();
        subscribe("line-seize", "ls-a", "sip:a@h", 15, "<sip:example.com>;appearance-index=1", false);
        Subscription ls = layer.subs.get("ls-a");
        layer.sent.clear();
        engine.expired(ls);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());

        engine.update(LINE, 2, AppearanceState.SEIZED, null);
        now.addAndGet(121_000);
        assertEquals(1, engine.purgeStale());
        assertTrue(engine.appearances().isEmpty());
    }

    @Test
    void calleeSideActiveAfterTheAck() {
        membersSubscribe();
        Map<String, List<String>> h = Map.of("Call-Info", List.of("<sip:example.com>;appearance-index=1"));
        engine.response(new SipProxyEvent(SipProxyEvent.Kind.RESPONSE, "INVITE", "in-1", "sip:bob@remote.net", "bob-tag", "sip:" + LINE,
                "b-tag", 1, 200, "OK", "sip:b@h", null, false, now.get(), new Msg("INVITE", h, null)));
        assertEquals(AppearanceState.ACTIVE_PENDING, engine.appearances(LINE).get(0).state());
        assertTrue(layer.sent.isEmpty());
        request("ACK", "in-1", "bob-tag", "b-tag", "sip:bob@remote.net", "sip:" + LINE, "sip:b@h", null, null, null);
        assertEquals(AppearanceState.ACTIVE, engine.appearances(LINE).get(0).state());
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-index=1;appearance-state=active;appearance-uri=\"sip:bob@remote.net\""));
    }

    @Test
    void calleeSideAlertsWhileRingingAndIdlesOnCancel() {
        membersSubscribe();
        Map<String, List<String>> h = Map.of("Call-Info", List.of("<sip:example.com>;appearance-index=2"));
        engine.response(new SipProxyEvent(SipProxyEvent.Kind.RESPONSE, "INVITE", "in-2", "sip:bob@remote.net", "bob-tag", "sip:" + LINE,
                "b-tag", 1, 180, "Ringing", "sip:b@h", null, false, now.get(), new Msg("INVITE", h, null)));
        assertEquals(AppearanceState.ALERTING, engine.appearances(LINE).get(0).state());
        assertTrue(layer.callInfoNotifies().get(0).contains(
                "appearance-index=2;appearance-state=alerting;appearance-uri=\"sip:bob@remote.net\""), layer.callInfoNotifies().get(0));
        layer.sent.clear();
        request("CANCEL", "in-2", "bob-tag", null, "sip:bob@remote.net", "sip:" + LINE, "sip:" + LINE, null, null, null);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());

        // without Call-Info: the lowest free index; answered then ACKed
        engine.response(new SipProxyEvent(SipProxyEvent.Kind.RESPONSE, "INVITE", "in-3", "sip:bob@remote.net", "bob-tag", "sip:" + LINE,
                "c-tag", 1, 180, "Ringing", "sip:c@h", null, false, now.get(), new Msg("INVITE", Map.of(), null)));
        engine.response(new SipProxyEvent(SipProxyEvent.Kind.RESPONSE, "INVITE", "in-3", "sip:bob@remote.net", "bob-tag", "sip:" + LINE,
                "c-tag", 1, 200, "OK", "sip:c@h", null, false, now.get(), new Msg("INVITE", Map.of(), null)));
        assertEquals(1, engine.appearances(LINE).get(0).index());
        assertEquals(AppearanceState.ACTIVE_PENDING, engine.appearances(LINE).get(0).state());
        request("ACK", "in-3", "bob-tag", "c-tag", "sip:bob@remote.net", "sip:" + LINE, "sip:c@h", null, null, null);
        assertEquals(AppearanceState.ACTIVE, engine.appearances(LINE).get(0).state());
    }

    @Test
    void operationsNotifyTheGroup() throws ScaException {
        membersSubscribe();
        assertEquals(1, engine.seize(LINE, "sip:a@h").index());
        assertEquals(3, layer.callInfoNotifies().size());
        layer.sent.clear();
        engine.update("sip:215@example.com", 1, AppearanceState.ACTIVE, "\"Bob\" <sip:bob@x>");
        assertTrue(layer.callInfoNotifies().get(0).contains("appearance-state=active;appearance-uri=\"\\\"Bob\\\" <sip:bob@x>\""));
        layer.sent.clear();
        engine.release(LINE, 1);
        assertEquals(List.of("ci-a " + IDLE, "ci-b " + IDLE, "ci-c " + IDLE), layer.callInfoNotifies());
        assertEquals(404, assertThrows(ScaException.class, () -> engine.release(LINE, 1)).status());
        assertEquals(400, assertThrows(ScaException.class, () -> engine.seize("nobody", "sip:a@h")).status());
        engine.seize(LINE, "sip:a@h");
        engine.seize(LINE, "sip:a@h");
        engine.seize(LINE, "sip:a@h");
        assertEquals(409, assertThrows(ScaException.class, () -> engine.seize(LINE, "sip:a@h")).status());
        assertTrue(engine.deactivate("ci-b"));
        assertEquals("terminated;reason=deactivated", layer.sent.get(layer.sent.size() - 1).state());
    }

    @Test
    void rebootedDeviceLosesItsAppearances() throws ScaException {
        membersSubscribe();
        engine.seize(LINE, "sip:a@127.0.0.1:5071");
        layer.sent.clear();
        subscribe("call-info", "ci-a2", "sip:a@127.0.0.1:5071", 3600, null, false);
        assertTrue(engine.appearances().isEmpty());
        assertTrue(layer.callInfoNotifies().contains("ci-b " + IDLE));
    }
}
