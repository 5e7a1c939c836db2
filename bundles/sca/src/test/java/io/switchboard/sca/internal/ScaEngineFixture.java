package io.switchboard.sca.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.sca.ScaService;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.test.FakeSipMessage;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the SCA engine's tests share: the subscription layer reduced to what the engine uses (it records every NOTIFY),
 * SIP messages, a clock, and the SUBSCRIBE, request and response helpers that drive the engine as the wire does.
 */
abstract class ScaEngineFixture {

    static final String LINE = "215@example.com";

    record Notified(Subscription to, String state, NotifyBody body) {}

    /** The subscription layer reduced to what the engine uses; records every NOTIFY. */
    static final class FakeLayer implements SubscriptionService {
        final Map<String, Sub> subs = new LinkedHashMap<>();
        final List<Notified> sent = new ArrayList<>();

        record Sub(String id, String event, String presentity, String watcher, SipDialog dialog, long expiresAt)
                implements Subscription {}

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
                return r.existing() != null
                        ? subs.remove(callId)
                        : new Sub(callId, r.pkg().event(), r.presentity(), "w", null, 0);
            }
            Sub s = new Sub(
                    callId,
                    r.pkg().event(),
                    r.presentity(),
                    "w",
                    new SipDialog(
                            callId,
                            "sip:" + LINE,
                            "t",
                            "sip:" + LINE,
                            "f",
                            in.getHeader(SipHeaders.CONTACT, String.class),
                            List.of(),
                            1),
                    r.expires());
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
            return new ArrayList<>(subs.values().stream()
                    .filter(s -> s.event().equals(event) && s.presentity().equals(presentity))
                    .toList());
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

    static final String SENDRECV = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 0\r\na=sendrecv\r\n";
    static final String SENDONLY = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 0\r\na=sendonly\r\n";

    final AtomicLong now = new AtomicLong(1_000_000);
    final FakeLayer layer = new FakeLayer();
    /** The SCA events the engine published on the (stand-in) event bus: type and attributes. */
    final List<Map<String, ?>> published = new ArrayList<>();

    DefaultCamelContext camel;
    ScaEngine engine;
    /** The operations, as the shell and REST reach them. */
    ScaService sca;

    @BeforeEach
    void setUp() {
        camel = new DefaultCamelContext();
        engine = new ScaEngine(
                layer,
                ScaConfig.from(Map.of("max_appearances", "3")),
                now::get,
                new LineMembers(() -> null),
                new AppearanceEvents(
                        EventPublisher.of((type, a) -> published.add(Map.of("type", type, "attributes", a)))));
        sca = engine.operations();
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    Exchange subscribe(
            String event, String callId, String contact, Integer expires, String callInfo, boolean inDialog) {
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
        in.setHeader(SipHeaders.MESSAGE, message("SUBSCRIBE", callInfo, null));
        engine.subscribe(ex);
        return ex;
    }

    Exchange request(
            String method,
            String callId,
            String fromTag,
            String toTag,
            String from,
            String to,
            String ruri,
            String contact,
            String callInfo,
            String sdp) {
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
        in.setHeader(SipHeaders.MESSAGE, message(method, callInfo, sdp));
        engine.request(ex);
        return ex;
    }

    /** A request with an optional Call-Info and an optional SDP body. */
    static FakeSipMessage message(String method, String callInfo, String sdp) {
        FakeSipMessage m = FakeSipMessage.request(method).body(sdp);
        return callInfo == null ? m : m.add("Call-Info", callInfo);
    }

    void response(String callId, int status, String toTag, String contact) {
        engine.response(new SipProxyEvent(
                SipProxyEvent.Kind.RESPONSE,
                "INVITE",
                callId,
                "sip:" + LINE,
                "a-tag",
                "sip:bob@remote.net",
                toTag,
                1,
                status,
                null,
                contact,
                null,
                false,
                now.get(),
                null));
    }

    /**
     * A response to an INVITE from bob to the line, as the relay reports it: the member answering with this To tag
     * and Contact, and its Call-Info appearance-index when not null.
     */
    void calleeResponse(String callId, int status, String reason, String toTag, String contact, Integer index) {
        FakeSipMessage m = FakeSipMessage.response(status, "INVITE");
        if (index != null) {
            m.add("Call-Info", "<sip:example.com>;appearance-index=" + index);
        }
        engine.response(new SipProxyEvent(
                SipProxyEvent.Kind.RESPONSE,
                "INVITE",
                callId,
                "sip:bob@remote.net",
                "bob-tag",
                "sip:" + LINE,
                toTag,
                1,
                status,
                reason,
                contact,
                null,
                false,
                now.get(),
                m));
    }

    void membersSubscribe() {
        subscribe("call-info", "ci-a", "sip:a@127.0.0.1:5071", 3600, null, false);
        subscribe("call-info", "ci-b", "sip:b@127.0.0.1:5072", 3600, null, false);
        subscribe("call-info", "ci-c", "sip:c@127.0.0.1:5073", null, null, false);
        layer.sent.clear();
    }

    static final String IDLE = "<sip:example.com>;appearance-index=*;appearance-state=idle";
}
