package io.switchboard.dfks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.dfks.internal.metrics.DfksMeterBindingAccess;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.store.SchemaMigrations;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped routes/dfks.xml (camel-sql on H2, tables from the store's and dfks's migrations) driven by the
 * engine, as the shell and REST do it: get/set, one feature never changes another, unknown user, a failing
 * set route stores and NOTIFYs nothing.
 */
class DefaultRoutesTest {

    DefaultCamelContext camel;
    ProducerTemplate template;
    JdbcDataSource ds;
    final List<String> notified = new ArrayList<>();
    DfksEngine engine;

    /** Records the fan-out; nothing else is used by get/set. */
    final SubscriptionService subscriptions = new SubscriptionService() {
        public SubscribeRequest check(Exchange exchange, EventPackage pkg) {
            throw new UnsupportedOperationException();
        }

        public Subscription accept(SubscribeRequest request, NotifyBody state) {
            throw new UnsupportedOperationException();
        }

        public Subscription acceptQuietly(SubscribeRequest request) {
            throw new UnsupportedOperationException();
        }

        public void notify(Subscription subscription, NotifyBody body) {}

        public boolean terminate(Subscription subscription, String reason, NotifyBody body) {
            throw new UnsupportedOperationException();
        }

        public int notifyAll(String event, String presentity, NotifyBody body) {
            notified.add(presentity + " " + body.text());
            return 2;
        }

        public List<Subscription> subscriptions(String event, String presentity) {
            return List.of();
        }

        public List<Subscription> all() {
            return List.of();
        }

        public int size() {
            return 0;
        }

        public long[] notifyCounters() {
            return new long[4];
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dfks" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        SchemaMigrations.migrate(ds, "store", getClass().getClassLoader(), "db/store/V1__subscribers.sql");
        SchemaMigrations.migrate(ds, "dfks", getClass().getClassLoader(), "db/dfks/V1__features.sql");
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO subscriber (username, domain, password) VALUES ('alice', 'example.org', 'x')");
        }
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("switchboard", ds);
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(ResourceHelper.resolveResource(
                        camel, "file:" + Path.of("../../routes/dfks.xml").toAbsolutePath()));
        camel.start();
        template = camel.createProducerTemplate();
        engine = new DfksEngine(subscriptions, new FeatureRoutes(template, "direct:dfks-get", "direct:dfks-set"));
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    @Test
    void featuresStartOffAndSetsRoundTrip() throws Exception {
        assertEquals(
                List.of(
                        FeatureState.off(Feature.DoNotDisturb),
                        FeatureState.off(Feature.CallForwardingAlways),
                        FeatureState.off(Feature.CallForwardingBusy),
                        FeatureState.off(Feature.CallForwardingNoAnswer)),
                engine.get("alice", "example.org"));

        FeatureState cfna = engine.set(
                "alice", "example.org", Feature.CallForwardingNoAnswer, true, "sip:bob@example.org", 4, "api", null);
        assertEquals(new FeatureState(Feature.CallForwardingNoAnswer, true, "sip:bob@example.org", 4), cfna);
        assertEquals(1, notified.size());
        assertTrue(notified.get(0).startsWith("alice@example.org <?xml"), notified.get(0));
        assertTrue(
                notified.get(0).contains("<forwardTo>sip:bob@example.org</forwardTo><ringCount>4</ringCount>"),
                notified.get(0));

        engine.set("alice", "example.org", Feature.DoNotDisturb, true, null, null, "api", null);
        List<FeatureState> now = engine.get("alice", "example.org");
        assertEquals(new FeatureState(Feature.DoNotDisturb, true, null, null), now.get(0));
        assertEquals(cfna, now.get(3), "a set of DND never changes CFNA");
        assertEquals(FeatureState.off(Feature.CallForwardingAlways), now.get(1));

        // off keeps the stored target (values not given keep their value), and the update path is used
        FeatureState off =
                engine.set("alice", "example.org", Feature.CallForwardingNoAnswer, false, null, null, "api", null);
        assertEquals(new FeatureState(Feature.CallForwardingNoAnswer, false, "sip:bob@example.org", 4), off);
        assertEquals(off, engine.get("alice", "example.org").get(3));
    }

    /**
     * A call reads all four features: the shipped route answers them in one run (DfksAll), and a route written for one
     * feature at a time (it never sets DfksFeatureRows) is asked once per feature with the same result.
     */
    @Test
    void allFeaturesInOneRunOrFeatureByFeature() throws Exception {
        engine.set("alice", "example.org", Feature.CallForwardingNoAnswer, true, "sip:bob@example.org", 3, "api", null);
        engine.set("alice", "example.org", Feature.DoNotDisturb, true, null, null, "api", null);
        List<Object> asked = new ArrayList<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:counted-get")
                        .process(e -> asked.add(e.getIn().getHeader("DfksFeature")))
                        .to("direct:dfks-get");
                from("direct:single-get")
                        .process(e -> asked.add(e.getIn().getHeader("DfksFeature")))
                        .removeHeader("DfksAll")
                        .filter(header("DfksFeature").isNotNull())
                        .to("direct:dfks-get");
            }
        });
        List<FeatureState> expected = List.of(
                new FeatureState(Feature.DoNotDisturb, true, null, null),
                FeatureState.off(Feature.CallForwardingAlways),
                FeatureState.off(Feature.CallForwardingBusy),
                new FeatureState(Feature.CallForwardingNoAnswer, true, "sip:bob@example.org", 3));

        DfksEngine bulk =
                new DfksEngine(subscriptions, new FeatureRoutes(template, "direct:counted-get", "direct:dfks-set"));
        assertEquals(expected, bulk.get("alice", "example.org"));
        assertEquals(1, asked.size(), "one run of the get route: " + asked);

        asked.clear();
        DfksEngine single =
                new DfksEngine(subscriptions, new FeatureRoutes(template, "direct:single-get", "direct:dfks-set"));
        assertEquals(expected, single.get("alice", "example.org"));
        assertEquals(
                List.of("DoNotDisturb", "CallForwardingAlways", "CallForwardingBusy", "CallForwardingNoAnswer"),
                asked.subList(1, asked.size()),
                "no rows answered: asked feature by feature after the one bulk try");
    }

    /**
     * With get.cache.seconds, a second read within the TTL runs no get route, and a set through the engine is seen
     * by the next read at once (the entry is dropped around the set route).
     */
    @Test
    void cachedReadsRunTheGetRouteOnceAndASetIsSeenAtOnce() throws Exception {
        List<Object> asked = new ArrayList<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cached-get").process(e -> asked.add("get")).to("direct:dfks-get");
            }
        });
        DfksEngine cached = new DfksEngine(
                subscriptions,
                new FeatureRoutes(template, "direct:cached-get", "direct:dfks-set"),
                FeatureEvents.NONE,
                new FeatureCache(60, 100, System::nanoTime));
        assertEquals(
                FeatureState.off(Feature.DoNotDisturb),
                cached.get("alice", "example.org").get(0));
        cached.get("alice", "example.org");
        assertEquals(1, asked.size(), "the second read comes from the cache: " + asked);

        cached.set("alice", "example.org", Feature.DoNotDisturb, true, null, null, "api", null);
        assertEquals(
                new FeatureState(Feature.DoNotDisturb, true, null, null),
                cached.get("alice", "example.org").get(0));
        int afterSet = asked.size();
        cached.get("alice", "Example.ORG");
        assertEquals(afterSet, asked.size(), "read again from the cache, the domain in any case");
    }

    /**
     * With the bus present, each set that changed the stored state is one DFKS event (through the shipped set route);
     * a set to the same state, and a refused one, are none.
     */
    @Test
    void aChangedFeatureIsOneEventOnTheBus() throws Exception {
        List<Object[]> published = new ArrayList<>();
        DfksEngine withBus = new DfksEngine(
                subscriptions,
                new FeatureRoutes(template, "direct:dfks-get", "direct:dfks-set"),
                new FeatureEvents(EventPublisher.of((type, a) -> published.add(new Object[] {type, a}))));
        withBus.set("alice", "example.org", Feature.CallForwardingBusy, true, "sip:vm@example.org", null, "rest", null);
        withBus.set("alice", "example.org", Feature.CallForwardingBusy, true, "sip:vm@example.org", null, "rest", null);
        assertThrows(
                DfksException.class,
                () -> withBus.set("nobody", "example.org", Feature.DoNotDisturb, true, null, null, "rest", null));
        assertEquals(1, published.size(), "the second set changed nothing");
        assertEquals("DFKS", published.get(0)[0]);
        assertEquals(
                Map.of(
                        "user", "alice@example.org",
                        "feature", "cfb",
                        "enabled", true,
                        "value", "sip:vm@example.org",
                        "source", "rest"),
                published.get(0)[1]);
        withBus.set("alice", "example.org", Feature.CallForwardingBusy, false, null, null, "shell", null);
        assertEquals(false, ((Map<?, ?>) published.get(1)[1]).get("enabled"));
    }

    @Test
    void setsAreCountedByFeatureAndOutcome() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = DfksMeterBindingAccess.bind(registry)) {
            engine.set("alice", "example.org", Feature.DoNotDisturb, true, null, null, "api", null);
            engine.set("alice", "example.org", Feature.DoNotDisturb, false, null, null, "api", null);
            assertThrows(
                    DfksException.class,
                    () -> engine.set("nobody", "example.org", Feature.DoNotDisturb, true, null, null, "api", null));
            assertThrows(
                    DfksException.class,
                    () -> engine.set(
                            "alice", "example.org", Feature.CallForwardingAlways, true, null, null, "api", null));
            assertEquals(2, sets(registry, "dnd", "ok"));
            assertEquals(1, sets(registry, "dnd", "unknown_user"));
            assertEquals(1, sets(registry, "cfa", "bad_request"));
            assertEquals(0, sets(registry, "cfna", "ok"));
        }
        assertNull(registry.find("switchboard.dfks.sets").counter());
    }

    private static double sets(SimpleMeterRegistry registry, String feature, String outcome) {
        return registry.get("switchboard.dfks.sets")
                .tags("feature", feature, "outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void unknownUserAndBadValues() {
        assertEquals(
                404,
                assertThrows(DfksException.class, () -> engine.get("nobody", "example.org"))
                        .status());
        assertEquals(
                404,
                assertThrows(
                                DfksException.class,
                                () -> engine.set(
                                        "nobody", "example.org", Feature.DoNotDisturb, true, null, null, "api", null))
                        .status());
        assertEquals(
                400,
                assertThrows(
                                DfksException.class,
                                () -> engine.set(
                                        "alice",
                                        "example.org",
                                        Feature.CallForwardingAlways,
                                        true,
                                        null,
                                        null,
                                        "api",
                                        null))
                        .status());
        assertEquals(
                400,
                assertThrows(
                                DfksException.class,
                                () -> engine.set(
                                        "alice",
                                        "example.org",
                                        Feature.CallForwardingNoAnswer,
                                        true,
                                        "1",
                                        0,
                                        "api",
                                        null))
                        .status());
        assertTrue(notified.isEmpty());
    }

    /** A set route that refuses a value (a forward target it does not allow): 403 with its reason, nothing kept. */
    @Test
    void aSetRouteRefusesAValueWith403AndItsReason() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refusing-set")
                        .choice()
                        .when(simple("${header.DfksForwardTo} contains 'premium'"))
                        .setHeader("DfksRefused", constant("forward target not allowed"))
                        .otherwise()
                        .to("direct:dfks-set");
            }
        });
        DfksEngine refusing =
                new DfksEngine(subscriptions, new FeatureRoutes(template, "direct:dfks-get", "direct:refusing-set"));
        DfksException e = assertThrows(
                DfksException.class,
                () -> refusing.set(
                        "alice",
                        "example.org",
                        Feature.CallForwardingAlways,
                        true,
                        "sip:premium@evil.example",
                        null,
                        "rest",
                        null));
        assertEquals(403, e.status());
        assertEquals("forward target not allowed", e.getMessage());
        assertTrue(notified.isEmpty(), "nothing NOTIFYed");
        assertEquals(
                FeatureState.off(Feature.CallForwardingAlways),
                refusing.get("alice", "example.org").get(1));
        refusing.set(
                "alice", "example.org", Feature.CallForwardingAlways, true, "sip:bob@example.org", null, "rest", null);
        assertEquals(
                new FeatureState(Feature.CallForwardingAlways, true, "sip:bob@example.org", null),
                refusing.get("alice", "example.org").get(1));
    }

    @Test
    void aFailingSetRouteStoresNothingAndNotifiesNothing() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken-set").throwException(new IllegalStateException("provisioning API down"));
            }
        });
        DfksEngine broken =
                new DfksEngine(subscriptions, new FeatureRoutes(template, "direct:dfks-get", "direct:broken-set"));
        DfksException e = assertThrows(
                DfksException.class,
                () -> broken.set("alice", "example.org", Feature.DoNotDisturb, true, null, null, "api", null));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("provisioning API down"), e.getMessage());
        assertTrue(notified.isEmpty());
        assertEquals(
                FeatureState.off(Feature.DoNotDisturb),
                engine.get("alice", "example.org").get(0));
    }
}
