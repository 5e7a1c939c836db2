package io.switchboard.homer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import io.switchboard.homer.HomerHeaders;
import io.switchboard.homer.SyncSummary;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync end to end against the Homer API double, through the shipped routes/homer.xml (the inventory read from a
 * file by its homer-inventory route, the timer route): idempotence, token renewal, and each failure an operator can
 * meet, each with its kind and nothing written to Homer when the inventory is wrong.
 */
class HomerSyncTest {

    private static final String INVENTORY = """
            [{"alias":"sbc-1","ip":"192.0.2.10","port":5060,"mask":32,"captureID":"0","status":true},
             {"alias":"as-1","ip":"2001:db8::20","port":5080}]
            """;

    @TempDir
    Path dir;

    private HomerApiDouble homer;
    private CamelContext camel;
    private HomerComponent component;
    private Path inventory;
    private final Map<String, Object> config = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        homer = new HomerApiDouble();
        inventory = dir.resolve("homer-aliases.json");
        Files.writeString(inventory, INVENTORY);
        config.put("enabled", "true");
        config.put("api.url", homer.url());
        config.put("user", "admin");
        config.put("password", "sipcapture");
        config.put("inventory.file", inventory.toString());
        config.put("sync.interval", "0");
        config.put("timeout", "2");
        camel = new DefaultCamelContext();
        component = new HomerComponent();
        component.use(camel, config);
        camel.addComponent("homer", component);
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(ResourceHelper.resolveResource(
                        camel, "file:" + Path.of("../../routes/homer.xml").toAbsolutePath()));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        homer.close();
    }

    private void reconfigure(String key, String value) {
        config.put(key, value);
        component.configure(config);
    }

    @Test
    void theFirstSyncMakesHomerEqualTheInventoryAndTheSecondChangesNothing() {
        homer.put("stale", "192.0.2.99", 5060, 32, "0", true);
        homer.put("sbc-1 old name", "192.0.2.10", 5060, 32, "0", true);
        homer.put("sbc-1 duplicate", "192.0.2.10", 5060, 32, "0", true);
        SyncSummary first = component.sync();
        assertEquals(List.of(2, 1, 1, 2, 0), counts(first), first.toString());
        List<String> expected = List.of("as-1 2001:db8::20:5080/128 0 true", "sbc-1 192.0.2.10:5060/32 0 true");
        assertEquals(expected, homer.aliases().stream().sorted().toList());

        long writes = homer.writes();
        SyncSummary second = component.sync();
        assertTrue(second.nothingChanged(), second.toString());
        assertEquals(2, second.unchanged());
        assertEquals(writes, homer.writes(), "the second sync wrote to Homer: " + homer.requests());
        assertEquals(1, homer.logins(), "the token is kept between syncs");
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRepeated() {
        component.sync();
        homer.expireTokens();
        SyncSummary s = component.sync();
        assertEquals(2, s.unchanged());
        assertEquals(2, homer.logins());
        List<String> r = homer.requests();
        assertEquals(
                List.of("GET /api/v3/alias", "POST /api/v3/auth", "GET /api/v3/alias"),
                r.subList(r.size() - 3, r.size()));
    }

    @Test
    void disabledSendsNothing() {
        reconfigure("enabled", "false");
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.DISABLED, e.kind());
        assertTrue(e.getMessage().contains("etc/io.switchboard.homer.cfg"), e.getMessage());
        assertEquals(List.of(), homer.requests());
    }

    @Test
    void aBadInventorySendsNothing() throws Exception {
        Files.writeString(inventory, "[{\"alias\":\"x\",\"ip\":\"not-an-ip\",\"port\":1}]");
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.INVENTORY, e.kind());
        assertTrue(e.getMessage().contains("\"ip\""), e.getMessage());
        Files.delete(inventory);
        e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.INVENTORY, e.kind());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(List.of(), homer.requests());
    }

    @Test
    void homerDownIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        reconfigure("api.url", "http://127.0.0.1:" + closed);
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot be reached: connection refused"), e.getMessage());
        reconfigure("api.url", "http://no-such-host.invalid:9080");
        e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot be reached: "), e.getMessage());
    }

    @Test
    void aHomerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            reconfigure("api.url", "http://127.0.0.1:" + silent.getLocalPort());
            reconfigure("timeout", "0.5");
            long t0 = System.nanoTime();
            HomerException e = assertThrows(HomerException.class, component::sync);
            assertEquals(Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("within 0.5 s"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        }
    }

    @Test
    void serverErrorsAndGarbageAreBadAnswersAndTheNextSyncRecovers() {
        homer.failNext(1, 503);
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.BAD_ANSWER, e.kind());
        assertTrue(e.getMessage().contains("503 to GET /api/v3/alias"), e.getMessage());
        homer.garbleNext(1);
        e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.BAD_ANSWER, e.kind());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertEquals(2, component.sync().created());
    }

    @Test
    void aWrongPasswordOrANonAdminIsRefused() {
        reconfigure("password", "wrong");
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("login of user admin (401)"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the password is never shown");

        homer.addUser("viewer", "v", false);
        reconfigure("user", "viewer");
        reconfigure("password", "v");
        e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("403 to POST /api/v3/alias"), e.getMessage());
    }

    @Test
    void writesThatHomerAcknowledgesButLosesAreFound() {
        homer.ignoreWrites(true);
        HomerException e = assertThrows(HomerException.class, component::sync);
        assertEquals(Kind.NOT_APPLIED, e.kind());
        assertTrue(e.getMessage().contains("2 to create"), e.getMessage());
    }

    @Test
    void theTimerRouteSyncsWhenEnabledAndSurvivesAnOutage() throws Exception {
        homer.failNext(1, 500);
        reconfigure("sync.interval", "1");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (homer.aliases().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, homer.aliases().size(), homer.requests().toString());
        assertTrue(camel.getRouteController().getRouteStatus("homer-sync").isStarted());
    }

    @Test
    void homerSyncSetsTheSummaryOrTheErrorHeader() {
        Exchange ok = camel.createProducerTemplate().send("homer:sync", e -> {});
        assertEquals(2, ((Map<?, ?>) ok.getMessage().getBody()).get("created"));
        assertEquals(false, ok.getMessage().getHeader(HomerHeaders.NOTHING_CHANGED));
        homer.failNext(1, 502);
        Exchange failed = camel.createProducerTemplate().send("homer:sync", e -> {});
        assertTrue(failed.getException() == null);
        assertTrue(failed.getMessage()
                .getHeader(HomerHeaders.SYNC_ERROR, String.class)
                .contains("502"));
        Exchange thrown = camel.createProducerTemplate().send("homer:sync?throwOnError=true", e -> {});
        assertTrue(thrown.getException() == null, "Homer is back");
        homer.failNext(1, 502);
        thrown = camel.createProducerTemplate().send("homer:sync?throwOnError=true", e -> {});
        assertTrue(thrown.getException() instanceof HomerException);
    }

    private static List<Integer> counts(SyncSummary s) {
        return List.of(s.inventory(), s.created(), s.updated(), s.deleted(), s.unchanged());
    }
}
