package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.store.SubscriberStore;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * DFKS in the running distribution: the JAXB runtime inside OSGi, the default camel-sql routes, the shell
 * commands, and SIPp devices on the wire (two devices of one user and a third user; refusals; expiry; a
 * NOTIFY answered 481; subscriptions restored and re-NOTIFYed after the subscription bundle restarts).
 */
public class DfksIT extends SwitchboardTestSupport {

    static final String EVENT = "as-feature-event";

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(value = "(dataSourceName=switchboard)", timeout = 60_000)
    protected DataSource dataSource;

    private void awaitDfks() throws InterruptedException {
        await(
                "sip.xml and dfks.xml LOADED, components sip/dfks/sql present (" + routeFiles.status() + ")",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && fileStatus("dfks.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && context.getComponent("dfks") != null);
    }

    private int subscriptionsOf(String user) throws InterruptedException {
        return service(SubscriptionService.class)
                .subscriptions(EVENT, user + "@127.0.0.1")
                .size();
    }

    /** The DFKS and SUBSCRIPTION events of user dfksalice, as the test's consumer routes got them (headers). */
    private static final BlockingQueue<Map<String, Object>> BUS = new LinkedBlockingQueue<>();

    /**
     * Routes that subscribe to the platform's event bus as an operator's would ({@code from events:TYPE?filter=}):
     * the DFKS feature changes and the as-feature-event subscriptions of dfksalice.
     */
    private void consumeAliceEvents() throws Exception {
        BUS.clear();
        if (context.getRoute("itest-dfks-events") != null) {
            return;
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("events:DFKS?filter=RAW(user=dfksalice@127.0.0.1)")
                        .routeId("itest-dfks-events")
                        .process(e -> BUS.add(new HashMap<>(e.getMessage().getHeaders())));
                from("events:SUBSCRIPTION?filter=RAW(target=dfksalice@127.0.0.1,event=as-feature-event)")
                        .routeId("itest-dfks-subscription-events")
                        .process(e -> BUS.add(new HashMap<>(e.getMessage().getHeaders())));
            }
        });
    }

    /** The next {@code n} events of dfksalice (10 s at most), in the order they came. */
    private static List<Map<String, Object>> aliceEvents(int n) throws InterruptedException {
        List<Map<String, Object>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (out.size() < n && System.currentTimeMillis() < deadline) {
            Map<String, Object> e = BUS.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String summary(Map<String, Object> e) {
        return e.get("EventType") + " " + e.getOrDefault("feature", e.get("change")) + " "
                + e.getOrDefault("source", e.get("reason"));
    }

    private static Result result(Future<Result> f) throws Exception {
        return f.get(Sipp.SIPP_TIMEOUT_SECONDS + 40, TimeUnit.SECONDS);
    }

    @Test
    public void getAndSetThroughTheDefaultRoutesAndTheShell() throws Exception {
        awaitDfks();
        subscribers.add("dfksapi", "127.0.0.1", "pw");
        DfksService dfks = service(DfksService.class);
        List<FeatureState> initial = dfks.get("dfksapi", "127.0.0.1");
        assertEquals(4, initial.size());
        assertTrue(initial.toString(), initial.stream().noneMatch(FeatureState::status));

        FeatureState cfna = dfks.set(
                "dfksapi", "127.0.0.1", Feature.CallForwardingNoAnswer, true, "sip:bob@127.0.0.1", 5, "api", null);
        assertEquals(new FeatureState(Feature.CallForwardingNoAnswer, true, "sip:bob@127.0.0.1", 5), cfna);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status, forward_to, ring_count FROM dfks_feature "
                        + "WHERE username = 'dfksapi' AND domain = '127.0.0.1' AND feature = "
                        + "'CallForwardingNoAnswer'");
                ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
            assertEquals("sip:bob@127.0.0.1", rs.getString(2));
            assertEquals(5, rs.getInt(3));
        }

        String set = executeCommand("dfks:set sip:dfksapi@127.0.0.1 dnd on");
        assertTrue(set, set.contains("Set DoNotDisturb on; NOTIFY to 0 subscriptions"));
        String get = executeCommand("dfks:get dfksapi@127.0.0.1");
        assertTrue(get, get.contains("DoNotDisturb on"));
        assertTrue(get, get.contains("CallForwardingNoAnswer on forwardTo=sip:bob@127.0.0.1 ringCount=5"));
        assertTrue(get, get.contains("CallForwardingAlways off"));

        String unknown = executeCommand("dfks:set nobody@127.0.0.1 CallForwardingAlways 1 forwardTo/sip:x@127.0.0.1");
        assertTrue(unknown, unknown.contains("Error 404: unknown user nobody@127.0.0.1"));
        String badFeature = executeCommand("dfks:set dfksapi@127.0.0.1 CallForwardingSometimes 1");
        assertTrue(badFeature, badFeature.contains("Error 400: Unknown feature"));
        String noTarget = executeCommand("dfks:set dfksapi@127.0.0.1 cfb 1");
        assertTrue(noTarget, noTarget.contains("Error 400"));
        try {
            dfks.get("nobody", "127.0.0.1");
            fail("unknown user must fail");
        } catch (DfksException e) {
            assertEquals(404, e.status());
        }

        // REST: the same routes
        await("REST API serves /api/features", () -> {
            try {
                return api("GET", "/api/features/dfksapi@127.0.0.1", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> all = api("GET", "/api/features/dfksapi@127.0.0.1", null);
        assertTrue(all.body(), all.body().contains("{\"feature\":\"DoNotDisturb\",\"status\":true}"));
        assertTrue(
                all.body(),
                all.body()
                        .contains("{\"feature\":\"CallForwardingNoAnswer\",\"status\":true,"
                                + "\"forwardTo\":\"sip:bob@127.0.0.1\",\"ringCount\":5}"));
        HttpResponse<String> put = api(
                "PUT",
                "/api/features/dfksapi@127.0.0.1/cfb",
                "{\"status\": true, \"forwardTo\": \"sip:vm@127.0.0.1\"}");
        assertEquals(put.body(), 200, put.statusCode());
        assertEquals(
                "{\"feature\":\"CallForwardingBusy\",\"status\":true,\"forwardTo\":\"sip:vm@127.0.0.1\","
                        + "\"notified\":0}",
                put.body());
        HttpResponse<String> one = api("GET", "/api/features/dfksapi@127.0.0.1/CallForwardingBusy", null);
        assertEquals(
                "{\"feature\":\"CallForwardingBusy\",\"status\":true,\"forwardTo\":\"sip:vm@127.0.0.1\"}", one.body());
        HttpResponse<String> nobody = api("GET", "/api/features/nobody@127.0.0.1", null);
        assertEquals(nobody.body(), 404, nobody.statusCode());
        assertTrue(nobody.body(), nobody.body().contains("unknown user nobody@127.0.0.1"));
        HttpResponse<String> noStatus = api("PUT", "/api/features/dfksapi@127.0.0.1/dnd", "{\"forwardTo\": \"x\"}");
        assertEquals(noStatus.body(), 400, noStatus.statusCode());
        HttpResponse<String> badFeature2 = api("PUT", "/api/features/dfksapi@127.0.0.1/cfx", "{\"status\": true}");
        assertEquals(badFeature2.body(), 400, badFeature2.statusCode());
        HttpResponse<String> badRings =
                api("PUT", "/api/features/dfksapi@127.0.0.1/cfna", "{\"status\": true, \"ringCount\": 0}");
        assertEquals(badRings.body(), 400, badRings.statusCode());
        assertEquals(
                "a refused set changed nothing",
                new FeatureState(Feature.CallForwardingNoAnswer, true, "sip:bob@127.0.0.1", 5),
                service(DfksService.class).get("dfksapi", "127.0.0.1").get(3));

        // the JAXB runtime of switchboard-xml served the bundle's own model inside OSGi
        assertEquals(
                "io.switchboard.dfks", FrameworkUtil.getBundle(dfks.getClass()).getSymbolicName());
    }

    @Test
    public void twoDevicesOfOneUserStayInSyncAndAnotherUserHearsNothing() throws Exception {
        awaitDfks();
        consumeAliceEvents();
        subscribers.add("dfksalice", "127.0.0.1", "pw");
        subscribers.add("dfkscarol", "127.0.0.1", "pw");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Result> carol = pool.submit(() -> Sipp.run(
                    "dfks-carol", "dfks-watch-quiet.xml", Transport.UDP, sipPort(), 1, "-s", "dfkscarol", "-ap", "pw"));
            Future<Result> b = pool.submit(() -> Sipp.run(
                    "dfks-device-b", "dfks-device-b.xml", Transport.UDP, sipPort(), 1, "-s", "dfksalice", "-ap", "pw"));
            await("device B and carol subscribed", () -> {
                try {
                    return subscriptionsOf("dfksalice") == 1 && subscriptionsOf("dfkscarol") == 1;
                } catch (InterruptedException e) {
                    return false;
                }
            });
            Future<Result> a = pool.submit(() -> Sipp.run(
                    "dfks-device-a", "dfks-device-a.xml", Transport.UDP, sipPort(), 1, "-s", "dfksalice", "-ap", "pw"));
            // A's SetDoNotDisturb stored (and fanned out right after): then the operator sets CFA from the shell
            DfksService dfks = service(DfksService.class);
            await("DND of dfksalice on", () -> {
                try {
                    return dfks.get("dfksalice", "127.0.0.1").get(0).status();
                } catch (DfksException e) {
                    return false;
                }
            });
            Thread.sleep(300);
            // the operator sets CFA over REST: the same set route, NOTIFYs to both devices
            HttpResponse<String> put = api(
                    "PUT",
                    "/api/features/dfksalice@127.0.0.1/CallForwardingAlways",
                    "{\"status\": true, \"forwardTo\": \"sip:voicemail@127.0.0.1\"}");
            assertEquals(put.body(), 200, put.statusCode());
            assertEquals(
                    "{\"feature\":\"CallForwardingAlways\",\"status\":true,\"forwardTo\":\"sip:voicemail@127.0.0.1\","
                            + "\"notified\":2}",
                    put.body());

            assertSucceeded(result(a));
            assertSucceeded(result(b));
            assertSucceeded(result(carol));
        } finally {
            pool.shutdownNow();
        }
        List<FeatureState> alice = service(DfksService.class).get("dfksalice", "127.0.0.1");
        assertEquals(new FeatureState(Feature.DoNotDisturb, true, null, null), alice.get(0));
        assertEquals(
                new FeatureState(Feature.CallForwardingAlways, true, "sip:voicemail@127.0.0.1", null), alice.get(1));
        assertEquals(FeatureState.off(Feature.CallForwardingBusy), alice.get(2));
        assertEquals(new FeatureState(Feature.CallForwardingNoAnswer, true, "2002", 4), alice.get(3));
        assertTrue(service(DfksService.class).get("dfkscarol", "127.0.0.1").stream()
                .noneMatch(FeatureState::status));
        assertEquals("every device un-subscribed", 0, subscriptionsOf("dfksalice") + subscriptionsOf("dfkscarol"));

        // the event bus heard it all: the two devices' subscriptions, each feature change once with who made it
        List<Map<String, Object>> events = aliceEvents(7);
        List<String> dfks = events.stream()
                .filter(e -> "DFKS".equals(e.get("EventType")))
                .map(DfksIT::summary)
                .toList();
        assertEquals(events.toString(), List.of("DFKS dnd sip", "DFKS cfa rest", "DFKS cfna sip"), dfks);
        Map<String, Object> cfna = events.stream()
                .filter(e -> "cfna".equals(e.get("feature")))
                .findFirst()
                .orElseThrow();
        assertEquals("true", cfna.get("enabled"));
        assertEquals("2002", cfna.get("value"));
        assertEquals("4", cfna.get("ring_count"));
        assertEquals("dfksalice", cfna.get("device"));
        List<String> subscriptions = events.stream()
                .filter(e -> "SUBSCRIPTION".equals(e.get("EventType")))
                .map(DfksIT::summary)
                .toList();
        assertEquals(
                events.toString(),
                List.of(
                        "SUBSCRIPTION created null",
                        "SUBSCRIPTION created null",
                        "SUBSCRIPTION ended unsubscribed",
                        "SUBSCRIPTION ended unsubscribed"),
                subscriptions);
    }

    /**
     * A SUBSCRIBE for a user's features without credentials gets 407 (anybody could otherwise change its DND and
     * forwarding with a Set body); with another user's right credentials 403; with its own 200 and NOTIFYs.
     */
    @Test
    public void subscribesAreAuthenticatedAndForOnesOwnAorOnly() throws Exception {
        awaitDfks();
        subscribers.add("dfksowner", "127.0.0.1", "pw");
        subscribers.add("dfksmallory", "127.0.0.1", "pw-m");
        assertSucceeded(Sipp.run(
                "dfks-auth-407",
                "subscribe-407.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "dfksowner",
                "-key",
                "event",
                "as-feature-event"));
        assertSucceeded(Sipp.run(
                "dfks-auth-403",
                "subscribe-auth-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "dfksowner",
                "-key",
                "from",
                "dfksmallory",
                "-au",
                "dfksmallory",
                "-ap",
                "pw-m",
                "-key",
                "event",
                "as-feature-event"));
        // mallory's From set to the owner's AoR changes nothing: the credentials say who subscribes
        assertSucceeded(Sipp.run(
                "dfks-auth-403-from",
                "subscribe-auth-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "dfksowner",
                "-key",
                "from",
                "dfksowner",
                "-au",
                "dfksmallory",
                "-ap",
                "pw-m",
                "-key",
                "event",
                "as-feature-event"));
        assertEquals(0, subscriptionsOf("dfksowner"));
        assertSucceeded(Sipp.run(
                "dfks-auth-own",
                "subscribe-auth-ok.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "dfksowner",
                "-key",
                "from",
                "dfksowner",
                "-ap",
                "pw",
                "-key",
                "event",
                "as-feature-event"));
        assertEquals(0, subscriptionsOf("dfksowner"));
    }

    @Test
    public void refusalsOnTheWire() throws Exception {
        awaitDfks();
        subscribers.add("dfkserr", "127.0.0.1", "pw");
        // about the DFKS answers, not authentication: SIPp's address is a trusted source for the time of this test
        // (an unknown user could not authenticate at all: it would get 407 then 403, never the get route's 404)
        configure("io.switchboard.subscription", "trusted_sources", "127.0.0.1");
        try {
            Thread.sleep(500); // the new setting applied by the component's @Modified
            assertSucceeded(
                    Sipp.run("dfks-unknown", "dfks-unknown-404.xml", Transport.UDP, sipPort(), 1, "-s", "dfksnobody"));
            assertSucceeded(Sipp.run("dfks-errors", "dfks-errors.xml", Transport.UDP, sipPort(), 1, "-s", "dfkserr"));
        } finally {
            configure("io.switchboard.subscription", "trusted_sources", "");
        }
        assertEquals(0, subscriptionsOf("dfkserr"));
        assertTrue(
                "a refused Set request stored nothing",
                service(DfksService.class).get("dfkserr", "127.0.0.1").stream().noneMatch(FeatureState::status));
        // the platform keeps serving
        assertSucceeded(Sipp.run("dfks-after-errors", "options.xml", Transport.UDP, sipPort(), 1));
    }

    @Test
    public void expiredSubscriptionsGetATimeoutNotify() throws Exception {
        awaitDfks();
        subscribers.add("dfksexp", "127.0.0.1", "pw");
        configure("io.switchboard.subscription", "min_expires", "1");
        try {
            Thread.sleep(500); // the new setting applied by the component's @Modified
            assertSucceeded(Sipp.run(
                    "dfks-expiry", "dfks-expiry.xml", Transport.UDP, sipPort(), 1, "-s", "dfksexp", "-ap", "pw"));
            assertEquals(0, subscriptionsOf("dfksexp"));
        } finally {
            configure("io.switchboard.subscription", "min_expires", "60");
        }
    }

    @Test
    public void aNotifyAnswered481RemovesTheSubscription() throws Exception {
        awaitDfks();
        subscribers.add("dfksgone", "127.0.0.1", "pw");
        assertSucceeded(Sipp.run(
                "dfks-481", "dfks-notify-481.xml", Transport.UDP, sipPort(), 1, "-s", "dfksgone", "-ap", "pw"));
        await("subscription of dfksgone removed after its NOTIFY got 481", () -> {
            try {
                return subscriptionsOf("dfksgone") == 0;
            } catch (InterruptedException e) {
                return false;
            }
        });
        String list = executeCommand("subscription:list");
        assertTrue(list, list.contains("removedOnFailure="));
        assertTrue(list, !list.contains("dfksgone@127.0.0.1"));
    }

    @Test
    public void subscriptionsAreRestoredAndReNotifiedAfterARestart() throws Exception {
        awaitDfks();
        subscribers.add("dfksrestart", "127.0.0.1", "pw");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Result> device = pool.submit(() -> Sipp.run(
                    "dfks-restore", "dfks-restore.xml", Transport.UDP, sipPort(), 1, "-s", "dfksrestart", "-ap", "pw"));
            await("device subscribed", () -> {
                try {
                    return subscriptionsOf("dfksrestart") == 1;
                } catch (InterruptedException e) {
                    return false;
                }
            });
            Subscription before = service(SubscriptionService.class)
                    .subscriptions(EVENT, "dfksrestart@127.0.0.1")
                    .get(0);
            // set while nobody listens to the layer: the value must come from the store after the restart
            Bundle layer =
                    FrameworkUtil.getBundle(service(SubscriptionService.class).getClass());
            assertEquals("io.switchboard.subscription", layer.getSymbolicName());
            await(
                    "subscription written to sb_subscription",
                    () -> count("SELECT COUNT(*) FROM sb_subscription WHERE presentity = 'dfksrestart@127.0.0.1'")
                            == 1);
            layer.stop();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "UPDATE dfks_feature SET status = TRUE WHERE username = 'dfksrestart'")) {
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement ins =
                            c.prepareStatement("INSERT INTO dfks_feature (username, domain, feature, status) "
                                    + "VALUES ('dfksrestart', '127.0.0.1', 'DoNotDisturb', TRUE)")) {
                        ins.executeUpdate();
                    }
                }
            }
            layer.start();
            assertSucceeded(result(device));
            SubscriptionService restarted = service(SubscriptionService.class);
            assertNotNull(restarted);
            assertEquals(
                    "un-subscribed in the restored dialog",
                    0,
                    restarted.subscriptions(EVENT, "dfksrestart@127.0.0.1").size());
            assertEquals("dfksrestart@127.0.0.1", before.presentity());
        } finally {
            pool.shutdownNow();
        }
        awaitDfks(); // the dfks bundle came back with the layer
    }

    private int count(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
