package io.switchboard.subscription.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SourceSubnets;
import io.switchboard.sip.test.FakeSipMessage;
import io.switchboard.sip.test.FakeSipServerExchange;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionLayerTest {

    static final EventPackage PKG = new EventPackage() {
        @Override
        public String event() {
            return "as-feature-event";
        }

        @Override
        public String contentType() {
            return "application/x-as-feature-event+xml";
        }

        @Override
        public NotifyBody state(Subscription s) {
            return NotifyBody.text(contentType(), "<state of " + s.presentity() + "/>");
        }

        @Override
        public boolean authorizes(String watcher, String presentity) {
            return true; // these tests are about the notifier; authorization has its own below
        }
    };

    /** A package that keeps the layer's default authorization: a user watches only itself. */
    static final EventPackage OWN_AOR_ONLY = new EventPackage() {
        @Override
        public String event() {
            return "as-feature-event";
        }

        @Override
        public String contentType() {
            return null;
        }

        @Override
        public NotifyBody state(Subscription s) {
            return NotifyBody.NONE;
        }
    };

    /** Header of a test exchange: the user whose right credentials the request carries (absent: none). */
    static final String CREDENTIALS = "TestCredentials";

    /**
     * {@code registrar:authenticate} as the registrar answers it: 407 with a challenge without credentials, 403 for
     * wrong ones, {@code SipAuthUser} = the credentials' user in the From domain.
     */
    static final class FakeRegistrar extends DefaultComponent {
        final List<String> calls = new ArrayList<>();

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            calls.add(remaining);
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    return new DefaultProducer(this) {
                        @Override
                        public void process(Exchange e) {
                            String user = e.getIn().getHeader(CREDENTIALS, String.class);
                            String from = SubscriptionLayer.aor(e.getIn().getHeader(SipHeaders.FROM_URI, String.class));
                            if (user == null) {
                                e.getIn().setHeader(SipHeaders.STATUS, 407);
                                e.getIn().setHeader(SipHeaders.HEADER_PREFIX + "Proxy-Authenticate", "Digest realm=x");
                            } else if (user.equals("wrong")) {
                                e.getIn().setHeader(SipHeaders.STATUS, 403);
                            } else {
                                e.getIn().setHeader("SipAuthUser", user + from.substring(from.indexOf('@')));
                            }
                        }
                    };
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    final AtomicLong now = new AtomicLong(1_000_000);
    final RecordingSender sender = new RecordingSender();
    final MemoryStore store = new MemoryStore();
    DefaultCamelContext camel;
    SubscriptionLayer layer;
    /** The SUBSCRIPTION events the layer published on the (stand-in) event bus: their attributes. */
    final List<Map<String, ?>> published = new ArrayList<>();

    final FakeRegistrar registrar = new FakeRegistrar();

    @BeforeEach
    void setUp() {
        camel = new DefaultCamelContext();
        camel.addComponent("registrar", registrar);
        camel.start();
        layer = new SubscriptionLayer(
                store,
                sender,
                SubscriptionConfig.DEFAULTS,
                now::get,
                new SubscriptionEvents(EventPublisher.of((type, a) -> {
                    assertEquals("SUBSCRIPTION", type);
                    published.add(a);
                })));
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    // ------------------------------------------------------------------ fixtures

    record Sent(SipDialog dialog, String event, String state, NotifyBody body) {}

    static final class RecordingSender implements NotifySender {
        final List<Sent> sent = new ArrayList<>();
        int answer = 200;

        @Override
        public void send(SipDialog dialog, String event, String state, NotifyBody body, IntConsumer done) {
            dialog.nextCSeq(); // as the sip producer does
            sent.add(new Sent(dialog, event, state, body));
            done.accept(answer);
        }
    }

    static final class MemoryStore implements SubscriptionStore {
        final Map<String, Row> rows = new LinkedHashMap<>();

        @Override
        public List<Row> load() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public void write(Collection<Row> upserts, Collection<String> deletes) {
            deletes.forEach(rows::remove);
            upserts.forEach(r -> rows.put(r.id(), r));
        }
    }

    /** A SUBSCRIBE with one Accept header per value. */
    static SipMessage accept(String... values) {
        FakeSipMessage m = FakeSipMessage.request("SUBSCRIBE");
        for (String v : values) {
            m.add("Accept", v);
        }
        return m;
    }

    Exchange subscribe(String callId, String fromTag, String toTag, Integer expires) {
        Exchange ex = new DefaultExchange(camel);
        var in = ex.getIn();
        in.setHeader(SipHeaders.METHOD, "SUBSCRIBE");
        in.setHeader(SipHeaders.EVENT, "as-feature-event");
        in.setHeader(SipHeaders.CALL_ID, callId);
        in.setHeader(SipHeaders.FROM_TAG, fromTag);
        in.setHeader(SipHeaders.FROM_URI, "sip:alice@Example.org");
        in.setHeader(SipHeaders.TO_URI, "sip:alice@Example.org:5060;transport=udp");
        in.setHeader(SipHeaders.CONTACT, "sip:alice@192.0.2.1:5062");
        in.setHeader(SipHeaders.SOURCE_ADDRESS, "192.0.2.1");
        in.setHeader(CREDENTIALS, "alice");
        if (toTag != null) {
            in.setHeader(SipHeaders.TO_TAG, toTag);
        } else {
            in.setHeader(
                    SipHeaders.DIALOG,
                    new SipDialog(
                            callId,
                            "sip:alice@example.org",
                            "ourtag",
                            "sip:alice@example.org",
                            fromTag,
                            "sip:alice@192.0.2.1:5062",
                            List.of(),
                            0));
        }
        if (expires != null) {
            in.setHeader(SipHeaders.EXPIRES, expires);
        }
        ex.setProperty(SipHeaders.SERVER_EXCHANGE, new FakeSipServerExchange(null, "ourtag"));
        return ex;
    }

    static FakeSipServerExchange server(Exchange ex) {
        return ex.getProperty(SipHeaders.SERVER_EXCHANGE, FakeSipServerExchange.class);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void newSubscriptionGets200ThenActiveNotifyInItsDialog() {
        Exchange ex = subscribe("c1", "ft1", null, 600);
        SubscribeRequest r = layer.check(ex, PKG);
        assertNotNull(r);
        assertEquals("alice@example.org", r.presentity());
        Subscription s = layer.accept(r, NotifyBody.text("application/x-as-feature-event+xml", "<x/>"));
        assertEquals(200, server(ex).status());
        assertEquals(List.of("600"), server(ex).last().headers().get("Expires"));
        assertEquals("c1;ourtag;ft1", s.id());
        assertEquals(1, sender.sent.size());
        assertEquals("active;expires=600", sender.sent.get(0).state());
        assertEquals("as-feature-event", sender.sent.get(0).event());
        assertEquals("sip:alice@192.0.2.1:5062", sender.sent.get(0).dialog().remoteTarget());
        assertEquals(
                1, layer.subscriptions("as-feature-event", "alice@example.org").size());
    }

    @Test
    void expiresLimits() {
        Exchange brief = subscribe("c1", "ft1", null, 10);
        assertNull(layer.check(brief, PKG));
        assertEquals(423, brief.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("60", brief.getIn().getHeader("SipHeader.Min-Expires"));

        SubscribeRequest longOne = layer.check(subscribe("c2", "ft2", null, 86400), PKG);
        assertEquals(3600, longOne.expires());
        SubscribeRequest none = layer.check(subscribe("c3", "ft3", null, null), PKG);
        assertEquals(3600, none.expires());

        layer.configure(
                SubscriptionConfig.from(Map.of("min_expires", "1", "max_expires", "120", "default_expires", "90")));
        assertEquals(90, layer.check(subscribe("c4", "ft4", null, null), PKG).expires());
        assertEquals(2, layer.check(subscribe("c5", "ft5", null, 2), PKG).expires());
    }

    @Test
    void otherEventAndAcceptAreRefused() {
        Exchange other = subscribe("c1", "ft1", null, 600);
        other.getIn().setHeader(SipHeaders.EVENT, "presence");
        assertNull(layer.check(other, PKG));
        assertEquals(489, other.getIn().getHeader(SipHeaders.STATUS));

        Exchange accept = subscribe("c2", "ft2", null, 600);
        accept.getIn().setHeader(SipHeaders.MESSAGE, accept("application/pidf+xml"));
        assertNull(layer.check(accept, PKG));
        assertEquals(406, accept.getIn().getHeader(SipHeaders.STATUS));

        Exchange ok = subscribe("c3", "ft3", null, 600);
        ok.getIn().setHeader(SipHeaders.MESSAGE, accept("application/X-AS-Feature-Event+xml", "multipart/mixed"));
        assertNotNull(layer.check(ok, PKG));
    }

    @Test
    void refreshInDialogMovesExpiryAndUnknownDialogGets481() {
        Subscription s = layer.accept(layer.check(subscribe("c1", "ft1", null, 600), PKG), NotifyBody.NONE);
        now.addAndGet(100_000);
        Exchange refresh = subscribe("c1", "ft1", "ourtag", 1200);
        SubscribeRequest r = layer.check(refresh, PKG);
        assertSame(s, r.existing());
        layer.accept(r, NotifyBody.NONE);
        assertEquals(200, server(refresh).status());
        assertEquals(now.get() + 1_200_000, s.expiresAt());
        assertEquals("active;expires=1200", sender.sent.get(1).state());
        assertTrue(sender.sent.get(1).body().isEmpty());

        Exchange stray = subscribe("nope", "ft1", "ourtag", 600);
        assertNull(layer.check(stray, PKG));
        assertEquals(481, stray.getIn().getHeader(SipHeaders.STATUS));
    }

    @Test
    void unsubscribeSendsTerminatedNotifyWithStateAndForgets() throws Exception {
        layer.accept(layer.check(subscribe("c1", "ft1", null, 600), PKG), NotifyBody.NONE);
        layer.flush();
        assertEquals(1, store.rows.size());
        Exchange bye = subscribe("c1", "ft1", "ourtag", 0);
        layer.accept(layer.check(bye, PKG), NotifyBody.text("application/x-as-feature-event+xml", "<last/>"));
        assertEquals(List.of("0"), server(bye).last().headers().get("Expires"));
        Sent last = sender.sent.get(sender.sent.size() - 1);
        assertEquals("terminated", last.state());
        assertEquals("<last/>", last.body().text());
        assertEquals(0, layer.size());
        layer.flush();
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void unsubscribeNeverRacesThePurgeIntoTwoFinalNotifies() {
        layer.accept(layer.check(subscribe("c1", "ft1", null, 600), PKG), NotifyBody.NONE);
        Exchange bye = subscribe("c1", "ft1", "ourtag", 0);
        SubscribeRequest r = layer.check(bye, PKG);
        layer.accept(r, NotifyBody.NONE);
        assertEquals(0, layer.purge(), "the un-subscribe did not leave an expired subscription behind for the purge");
        assertEquals(
                List.of("active;expires=600", "terminated"),
                sender.sent.stream().map(Sent::state).toList());

        // the purge (or a failed NOTIFY) ended it between check and accept: 481, no second final NOTIFY
        layer.accept(layer.check(subscribe("c2", "ft2", null, 600), PKG), NotifyBody.NONE);
        Exchange late = subscribe("c2", "ft2", "ourtag", 0);
        SubscribeRequest lr = layer.check(late, PKG);
        now.addAndGet(600_000);
        assertEquals(1, layer.purge());
        layer.accept(lr, NotifyBody.NONE);
        assertEquals(481, server(late).status());
        assertEquals(
                List.of("active;expires=600", "terminated;reason=timeout"),
                sender.sent.stream().skip(2).map(Sent::state).toList());
    }

    @Test
    void expiredSubscriptionsArePurgedWithTimeoutNotify() {
        layer.configure(SubscriptionConfig.from(Map.of("min_expires", "1")));
        layer.accept(layer.check(subscribe("c1", "ft1", null, 2), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "ft2", null, 600), PKG), NotifyBody.NONE);
        now.addAndGet(1_999);
        assertEquals(0, layer.purge());
        now.addAndGet(1);
        assertEquals(1, layer.purge());
        Sent last = sender.sent.get(sender.sent.size() - 1);
        assertEquals("terminated;reason=timeout", last.state());
        assertEquals("c1", last.dialog().callId());
        assertEquals(1, layer.size());
    }

    @Test
    void notifyFailuresThatEndTheDialogRemoveTheSubscription() {
        layer.accept(layer.check(subscribe("c1", "ft1", null, 600), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "ft2", null, 600), PKG), NotifyBody.NONE);
        sender.answer = 500; // keeps it (RFC 5057: no usage-ending response)
        assertEquals(2, layer.notifyAll("as-feature-event", "alice@example.org", NotifyBody.NONE));
        assertEquals(2, layer.size());
        sender.answer = 481;
        layer.notify(
                layer.subscriptions("as-feature-event", "alice@example.org").get(0), NotifyBody.NONE);
        assertEquals(1, layer.size());
        sender.answer = 408; // timeout
        assertEquals(1, layer.notifyAll("as-feature-event", "alice@example.org", NotifyBody.NONE));
        assertEquals(0, layer.size());
        assertEquals(2, layer.notifyCounters()[3]);
        assertTrue(SubscriptionLayer.destroysSubscription(503));
        assertFalse(SubscriptionLayer.destroysSubscription(491));
    }

    /** Every new SUBSCRIBE is authenticated by the registrar, whatever its package; in-dialog ones are not. */
    @Test
    void newSubscribesAreAuthenticated() {
        Exchange none = subscribe("a1", "f1", null, 600);
        none.getIn().removeHeader(CREDENTIALS);
        assertNull(layer.check(none, PKG));
        assertEquals(407, none.getIn().getHeader(SipHeaders.STATUS));
        assertEquals("Digest realm=x", none.getIn().getHeader(SipHeaders.HEADER_PREFIX + "Proxy-Authenticate"));

        Exchange wrong = subscribe("a2", "f2", null, 600);
        wrong.getIn().setHeader(CREDENTIALS, "wrong");
        assertNull(layer.check(wrong, PKG));
        assertEquals(403, wrong.getIn().getHeader(SipHeaders.STATUS));

        Subscription s = layer.accept(layer.check(subscribe("a3", "f3", null, 600), OWN_AOR_ONLY), NotifyBody.NONE);
        int asked = registrar.calls.size();
        Exchange refresh = subscribe("a3", "f3", s.dialog().localTag(), 600);
        refresh.getIn().removeHeader(CREDENTIALS);
        assertNotNull(layer.check(refresh, OWN_AOR_ONLY), "a refresh in the dialog of an authorized one");
        assertEquals(asked, registrar.calls.size());

        // a route that authenticated already (SipAuthUser set) is not asked again: a nonce-count is used once
        Exchange routed = subscribe("a4", "f4", null, 600);
        routed.getIn().removeHeader(CREDENTIALS);
        routed.getIn().setHeader("SipAuthUser", "alice@example.org");
        assertNotNull(layer.check(routed, OWN_AOR_ONLY));
    }

    /** The default authorization: one's own AoR only; 403 for anybody else's. */
    @Test
    void aUserWatchesOnlyItselfByDefault() {
        Exchange bobOnAlice = subscribe("b1", "f1", null, 600);
        bobOnAlice.getIn().setHeader(CREDENTIALS, "bob");
        assertNull(layer.check(bobOnAlice, OWN_AOR_ONLY));
        assertEquals(403, bobOnAlice.getIn().getHeader(SipHeaders.STATUS));
        assertEquals(
                "Forbidden (bob@example.org may not watch alice@example.org)",
                bobOnAlice.getIn().getHeader(SipHeaders.REASON));
        Exchange otherDomain = subscribe("b2", "f2", null, 600);
        otherDomain.getIn().setHeader(SipHeaders.FROM_URI, "sip:alice@other.example");
        assertNull(layer.check(otherDomain, OWN_AOR_ONLY));
        assertEquals(403, otherDomain.getIn().getHeader(SipHeaders.STATUS));
        assertNotNull(layer.check(subscribe("b3", "f3", null, 600), OWN_AOR_ONLY));
        assertEquals(0, layer.size(), "nothing refused was kept");
    }

    /** trusted_sources: no challenge, the From AoR is the watcher and is still authorized. */
    @Test
    void trustedSourcesSkipTheChallengeNotTheAuthorization() {
        layer.configure(SubscriptionConfig.from(Map.of("trusted_sources", "10.0.0.0/8, 192.0.2.7")));
        int asked = registrar.calls.size();
        Exchange pbx = subscribe("t1", "f1", null, 600);
        pbx.getIn().removeHeader(CREDENTIALS);
        pbx.getIn().setHeader(SipHeaders.SOURCE_ADDRESS, "10.20.30.40");
        assertNotNull(layer.check(pbx, OWN_AOR_ONLY));
        Exchange pbxForOther = subscribe("t2", "f2", null, 600);
        pbxForOther.getIn().removeHeader(CREDENTIALS);
        pbxForOther.getIn().setHeader(SipHeaders.SOURCE_ADDRESS, "192.0.2.7");
        pbxForOther.getIn().setHeader(SipHeaders.FROM_URI, "sip:bob@example.org");
        assertNull(layer.check(pbxForOther, OWN_AOR_ONLY));
        assertEquals(403, pbxForOther.getIn().getHeader(SipHeaders.STATUS));
        assertEquals(asked, registrar.calls.size(), "no challenge for trusted sources");
        Exchange next = subscribe("t3", "f3", null, 600);
        next.getIn().removeHeader(CREDENTIALS);
        next.getIn().setHeader(SipHeaders.SOURCE_ADDRESS, "192.0.2.8");
        assertNull(layer.check(next, OWN_AOR_ONLY));
        assertEquals(407, next.getIn().getHeader(SipHeaders.STATUS));
    }

    @Test
    void trustedSourcesParse() {
        SourceSubnets t = SourceSubnets.parse("192.0.2.0/24,2001:db8::/32, 10.1.2.3");
        assertTrue(t.contains("192.0.2.200"));
        assertFalse(t.contains("192.0.3.1"));
        assertTrue(t.contains("2001:db8:0:0:0:0:0:1"));
        assertTrue(t.contains("10.1.2.3"));
        assertFalse(t.contains("10.1.2.4"));
        assertFalse(t.contains("localhost"));
        assertFalse(SourceSubnets.parse("").contains("127.0.0.1"));
        assertTrue(SourceSubnets.parse("0.0.0.0/0").contains("203.0.113.9"));
        List<String> log = new ArrayList<>();
        SubscriptionConfig.reader(log::add).read(Map.of("trusted_sources", "192.0.2.0/33"));
        SubscriptionConfig.reader(log::add).read(Map.of("trusted_sources", "pbx.example.org"));
        assertEquals(2, log.size(), log.toString());
    }

    @Test
    void fanOutReachesOnlyThePresentitysSubscriptions() {
        layer.accept(layer.check(subscribe("a", "fa", null, 600), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("b", "fb", null, 600), PKG), NotifyBody.NONE);
        Exchange carol = subscribe("c", "fc", null, 600);
        carol.getIn().setHeader(SipHeaders.TO_URI, "sip:carol@example.org");
        layer.accept(layer.check(carol, PKG), NotifyBody.NONE);
        sender.sent.clear();
        assertEquals(2, layer.notifyAll("as-feature-event", "alice@example.org", NotifyBody.NONE));
        assertEquals(
                Set.of("a", "b"),
                Set.of(
                        sender.sent.get(0).dialog().callId(),
                        sender.sent.get(1).dialog().callId()));
        assertEquals(0, layer.notifyAll("other-event", "alice@example.org", NotifyBody.NONE));
    }

    @Test
    void persistedSubscriptionsAreRestoredWithAHigherCSeqAndExpiredOnesDropped() throws Exception {
        layer.configure(SubscriptionConfig.from(Map.of("min_expires", "1")));
        layer.accept(layer.check(subscribe("c1", "ft1", null, 600), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "ft2", null, 5), PKG), NotifyBody.NONE);
        layer.flush();
        assertEquals(2, store.rows.size());
        now.addAndGet(10_000);

        SubscriptionLayer restarted = new SubscriptionLayer(store, sender, SubscriptionConfig.DEFAULTS, now::get);
        List<Subscription> restored = restarted.restore();
        assertEquals(1, restored.size());
        Subscription s = restored.get(0);
        assertEquals("c1;ourtag;ft1", s.id());
        assertEquals("sip:alice@Example.org", s.watcher());
        assertEquals(1 + SubscriptionLayer.RESTORE_CSEQ_GAP, s.dialog().localCSeq()); // one NOTIFY was sent before
        restarted.flush();
        assertEquals(Set.of("c1;ourtag;ft1"), store.rows.keySet());
        // an in-dialog refresh finds the restored subscription
        assertNotNull(restarted.check(subscribe("c1", "ft1", "ourtag", 600), PKG));
    }

    /**
     * A package with settings of its own, as SCA's line-seize: no body, 200/202, short expiry, slow purge and write.
     */
    static final class OwnPackage implements EventPackage {
        final List<Subscription> expired = new ArrayList<>();

        @Override
        public boolean authorizes(String watcher, String presentity) {
            return true; // a shared line's members: these tests are about the package's own settings
        }

        @Override
        public String event() {
            return "line-seize";
        }

        @Override
        public String contentType() {
            return null;
        }

        @Override
        public NotifyBody state(Subscription s) {
            return NotifyBody.headersOnly(Map.of("Call-Info", "<sip:example.org>;appearance-index=1"));
        }

        @Override
        public int maxExpires() {
            return 15;
        }

        @Override
        public int defaultExpires() {
            return 15;
        }

        @Override
        public int minExpires() {
            return 1;
        }

        @Override
        public int successStatus() {
            return 202;
        }

        @Override
        public Map<String, List<String>> successHeaders(SubscribeRequest r) {
            return Map.of("Allow-Events", List.of("call-info, line-seize"), "Event", List.of(event()));
        }

        @Override
        public int purgeIntervalSeconds() {
            return 120;
        }

        @Override
        public int writeIntervalSeconds() {
            return 300;
        }

        @Override
        public void expired(Subscription s) {
            expired.add(s);
        }
    }

    Exchange subscribeOwn(String callId, String fromTag, Integer expires) {
        Exchange ex = subscribe(callId, fromTag, null, expires);
        ex.getIn().setHeader(SipHeaders.EVENT, "line-seize");
        ex.getIn().setHeader(SipHeaders.MESSAGE, accept("application/pidf+xml")); // no body type: Accept not checked
        return ex;
    }

    @Test
    void packageExpiryLimitsAndDefaultReplaceTheLayers() {
        OwnPackage own = new OwnPackage();
        assertEquals(
                15,
                layer.check(subscribeOwn("c1", "f1", null), own).expires()); // RFC 6665 3.1.1: package default, not 0
        assertEquals(15, layer.check(subscribeOwn("c2", "f2", 3600), own).expires());
        assertEquals(5, layer.check(subscribeOwn("c3", "f3", 5), own).expires()); // below the layer's min_expires 60
        Exchange negative = subscribeOwn("c4", "f4", -1);
        assertNull(layer.check(negative, own));
        assertEquals(400, negative.getIn().getHeader(SipHeaders.STATUS));
        // DFKS unchanged: the layer's limits
        assertEquals(3600, layer.check(subscribe("c5", "f5", null, null), PKG).expires());
    }

    @Test
    void packageSuccessStatusHeadersAndHeaderOnlyNotify() {
        OwnPackage own = new OwnPackage();
        Exchange ex = subscribeOwn("c1", "f1", 10);
        Subscription s = layer.accept(layer.check(ex, own), own.state(null));
        assertEquals(202, server(ex).status());
        assertEquals(List.of("10"), server(ex).last().headers().get("Expires"));
        assertEquals(
                List.of("call-info, line-seize"), server(ex).last().headers().get("Allow-Events"));
        assertEquals(List.of("line-seize"), server(ex).last().headers().get("Event"));
        Sent n = sender.sent.get(0);
        assertTrue(n.body().isEmpty());
        assertEquals("<sip:example.org>;appearance-index=1", n.body().headers().get("Call-Info"));
        assertEquals("line-seize", s.event());
        // DFKS answers 200 with Expires only
        Exchange d = subscribe("c2", "f2", null, 600);
        layer.accept(layer.check(d, PKG), NotifyBody.NONE);
        assertEquals(200, server(d).status());
        assertEquals(Set.of("Expires"), server(d).last().headers().keySet());
    }

    /**
     * The bus hears each subscription once created (not its refresh) and once ended, with why: un-subscribe, expiry,
     * a NOTIFY that ended the dialog, a package's reason.
     */
    @Test
    void createdAndEndedAreEventsOnTheBus() {
        layer.configure(SubscriptionConfig.from(Map.of("min_expires", "1")));
        layer.accept(layer.check(subscribe("c1", "f1", null, 600), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c1", "f1", "ourtag", 900), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c1", "f1", "ourtag", 0), PKG), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "f2", null, 2), PKG), NotifyBody.NONE);
        now.addAndGet(2_000);
        layer.purge();
        Subscription s3 = layer.accept(layer.check(subscribe("c3", "f3", null, 600), PKG), NotifyBody.NONE);
        sender.answer = 481;
        layer.notify(s3, NotifyBody.NONE);
        sender.answer = 200;
        Subscription s4 = layer.accept(layer.check(subscribe("c4", "f4", null, 600), PKG), NotifyBody.NONE);
        layer.terminate(s4, "deactivated", NotifyBody.NONE);
        layer.terminate(s4, "deactivated", NotifyBody.NONE);
        assertEquals(
                List.of(
                        "created c1 null",
                        "ended c1 unsubscribed",
                        "created c2 null",
                        "ended c2 timeout",
                        "created c3 null",
                        "ended c3 notify_failed",
                        "created c4 null",
                        "ended c4 deactivated"),
                published.stream()
                        .map(a -> a.get("change") + " " + ((String) a.get("id")).split(";")[0] + " " + a.get("reason"))
                        .toList());
        assertEquals(
                Map.of(
                        "change", "created",
                        "event", "as-feature-event",
                        "watcher", "sip:alice@Example.org",
                        "target", "alice@example.org",
                        "id", "c1;ourtag;f1",
                        "expires", 600),
                published.get(0));
    }

    @Test
    void terminateSendsTheReasonOnce() {
        Subscription s = layer.accept(layer.check(subscribe("c1", "f1", null, 600), PKG), NotifyBody.NONE);
        assertTrue(layer.terminate(s, "noresource", NotifyBody.headersOnly(Map.of("Call-Info", "x"))));
        Sent last = sender.sent.get(sender.sent.size() - 1);
        assertEquals("terminated;reason=noresource", last.state());
        assertEquals("x", last.body().headers().get("Call-Info"));
        assertEquals(0, layer.size());
        assertFalse(layer.terminate(s, "noresource", NotifyBody.NONE));
    }

    @Test
    void packagePurgeIntervalAndExpiryCallback() {
        OwnPackage own = new OwnPackage();
        layer.register(own);
        layer.accept(layer.check(subscribeOwn("c1", "f1", 15), own), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "f2", null, 60), PKG), NotifyBody.NONE);
        now.addAndGet(61_000);
        assertEquals(1, layer.purge()); // DFKS every second; line-seize waits for its 120 s interval
        assertTrue(own.expired.isEmpty());
        assertEquals(1, layer.size());
        now.addAndGet(60_000);
        assertEquals(1, layer.purge());
        assertEquals(1, own.expired.size());
        assertEquals("c1", own.expired.get(0).dialog().callId());
        assertEquals(
                "terminated;reason=timeout",
                sender.sent.get(sender.sent.size() - 1).state());
        assertEquals(0, layer.size());
    }

    @Test
    void packageWriteIntervalAndEverythingAtStop() throws Exception {
        OwnPackage own = new OwnPackage();
        layer.register(own);
        layer.accept(layer.check(subscribeOwn("c1", "f1", 15), own), NotifyBody.NONE);
        layer.accept(layer.check(subscribe("c2", "f2", null, 600), PKG), NotifyBody.NONE);
        layer.flush();
        assertEquals(Set.of("c2;ourtag;f2"), store.rows.keySet()); // the line-seize waits for db_update_interval
        now.addAndGet(300_000);
        layer.flush();
        assertEquals(Set.of("c1;ourtag;f1", "c2;ourtag;f2"), store.rows.keySet());
        layer.accept(layer.check(subscribeOwn("c3", "f3", 15), own), NotifyBody.NONE);
        layer.flush();
        assertEquals(2, store.rows.size());
        layer.flushAll(); // at stop
        assertEquals(3, store.rows.size());
    }

    @Test
    void removedSubscriberLosesEverySubscriptionWithTheReasonOfItsRole() throws Exception {
        OwnPackage own = new OwnPackage();
        layer.register(own);
        layer.accept(layer.check(subscribe("c1", "f1", null, 600), PKG), NotifyBody.NONE); // alice watches herself
        Exchange member = subscribeOwn("c2", "f2", 15); // alice watches a shared line that stays
        member.getIn().setHeader(SipHeaders.TO_URI, "sip:line1@example.org");
        layer.accept(layer.check(member, own), NotifyBody.NONE);
        Exchange bob = subscribe("c3", "f3", null, 600);
        bob.getIn().setHeader(SipHeaders.FROM_URI, "sip:bob@example.org");
        bob.getIn().setHeader(SipHeaders.TO_URI, "sip:bob@example.org");
        layer.accept(layer.check(bob, PKG), NotifyBody.NONE);
        Exchange watchingAlice = subscribe("c4", "f4", null, 600); // carol watches alice (DFKS by an attendant)
        watchingAlice.getIn().setHeader(SipHeaders.FROM_URI, "<sip:carol@example.org>;tag=f4");
        layer.accept(layer.check(watchingAlice, PKG), NotifyBody.NONE);
        layer.flush();
        sender.sent.clear();

        assertEquals(3, layer.endSubscriptionsOf("alice@example.org"));

        Map<String, String> finals = new TreeMap<>();
        sender.sent.forEach(n -> finals.put(n.dialog().callId() + " " + n.event(), n.state()));
        assertEquals(
                Map.of(
                        "c1 as-feature-event",
                        "terminated;reason=noresource",
                        "c2 line-seize",
                        "terminated;reason=rejected",
                        "c4 as-feature-event",
                        "terminated;reason=noresource"),
                finals);
        assertEquals(
                List.of("c2"),
                own.expired.stream().map(x -> x.dialog().callId()).toList(),
                "seized line released");
        assertEquals(1, layer.size());
        assertEquals(
                1, layer.subscriptions("as-feature-event", "bob@example.org").size());
        layer.flushAll();
        assertEquals(Set.of("c3;ourtag;f3"), store.rows.keySet());
        assertEquals(0, layer.endSubscriptionsOf("alice@example.org"), "nothing left, no second final NOTIFY");
        assertEquals(3, sender.sent.size());
    }

    @Test
    void aorOfUris() {
        assertEquals("alice@example.org", SubscriptionLayer.aor("sip:alice@Example.ORG:5060;transport=tcp"));
        assertEquals("2001@10.0.0.1", SubscriptionLayer.aor("<sips:2001@10.0.0.1>"));
        assertNull(SubscriptionLayer.aor("sip:example.org"));
        assertNull(SubscriptionLayer.aor(null));
    }
}
