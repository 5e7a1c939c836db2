package io.switchboard.cgrates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.cgrates.CgratesConstants;
import io.switchboard.cgrates.CgratesException;
import io.switchboard.cgrates.OutboxEntry;
import io.switchboard.cgrates.internal.metrics.CgratesMeterBindingAccess;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipHeaders;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Billing end to end against the CGRateS double, with the outbox in H2 (no SIP: the dialog events are driven). */
class BillingTest {

    private static final AtomicInteger DBS = new AtomicInteger();

    private final Map<String, Long> ended = new ConcurrentHashMap<>(); // Call-ID -> when the ender was called
    private CgratesDouble cgr;
    private CgratesDouble bij;
    private CgratesServiceComponent.Billing billing;
    private JdbcDataSource ds;

    private CgratesServiceComponent.Billing billing(Map<String, Object> extra) throws Exception {
        cgr = CgratesDouble.start(false);
        bij = CgratesDouble.start(true);
        bij.balanceMillis.putAll(cgr.balanceMillis);
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:billing" + DBS.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        Outbox.migrate(ds);
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("engines", "tcp://127.0.0.1:" + cgr.port());
        cfg.put("bijson", "127.0.0.1:" + bij.port());
        cfg.put("enabled", "true");
        cfg.put("request_timeout", "0.5");
        cfg.put("connect_timeout", "0.3");
        cfg.put("outbox.retry_min", "0.05");
        cfg.put("outbox.retry_max", "0.2");
        cfg.putAll(extra);
        CgratesSettings s = new SettingsReader<>(CgratesSettings.PID, CgratesSettings.class, w -> {
                    throw new AssertionError(w);
                })
                .read(cfg);
        billing = new CgratesServiceComponent.Billing(
                s,
                new Outbox(ds),
                new CallRegistry(),
                callId -> {
                    ended.putIfAbsent(callId, System.currentTimeMillis());
                    return true;
                },
                System::currentTimeMillis);
        return billing;
    }

    @AfterEach
    void close() throws Exception {
        if (billing != null) {
            billing.close();
        }
        if (cgr != null) {
            cgr.close();
            bij.close();
        }
    }

    static DialogInfo dialog(String callId, DialogState state, long created, long answered, long end, String reason) {
        return new DialogInfo(
                callId,
                "sip:1001@example.com",
                "ft-" + callId,
                "sip:1002@example.com",
                "tt",
                state,
                created,
                created + 100,
                answered,
                end,
                reason,
                end == 0 ? null : "caller",
                null,
                null,
                1,
                1,
                List.of(),
                new LinkedHashSet<>());
    }

    /** The dialog bundle's move to history: our row in its transaction. */
    private void moveToHistory(DialogInfo d) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            billing.movingToHistory(c, d);
            c.commit();
        }
    }

    private void answeredCall(String callId, long durationMillis) throws SQLException {
        long t = 1_700_000_000_000L;
        billing.onDialogEvent("answered", dialog(callId, DialogState.ANSWERED, t, t + 2000, 0, null));
        DialogInfo end = dialog(callId, DialogState.ENDED, t, t + 2000, t + 2000 + durationMillis, "BYE");
        billing.onDialogEvent("ended", end);
        moveToHistory(end);
    }

    static void await(BooleanSupplier cond, long millis, String what) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void nCallsGiveNCdrsWithUniqueOriginIdsAndUsageInNanoseconds() throws Exception {
        billing(Map.of());
        for (int i = 0; i < 20; i++) {
            answeredCall("call-" + i, 1000L * (i + 1));
        }
        await(() -> cgr.cdrs.size() == 20, 5000, "20 CDRs");
        for (int i = 0; i < 20; i++) {
            JsonNode cdr = cgr.cdrs.get("call-" + i + ";ft-call-" + i);
            assertEquals(1000L * (i + 1) * 1_000_000L, cdr.get("Usage").asLong(), "Usage in ns");
            assertEquals("1001", cdr.get("Account").asText());
            assertEquals("1002", cdr.get("Destination").asText());
            assertEquals("*postpaid", cdr.get("RequestType").asText());
            assertTrue(cdr.get("SetupTime").isTextual() && cdr.get("AnswerTime").isTextual(), "RFC 3339 strings");
            assertEquals("BYE", cdr.get("DisconnectCause").asText());
        }
        assertEquals(20, cgr.cdrSends.get(), "each sent once");
        await(() -> billing.outboxCounts().get("delivered") == 20, 2000, "20 rows delivered");
    }

    @Test
    void cgratesDownDuringCallsThenEveryCdrOnceAfterItReturns() throws Exception {
        billing(Map.of());
        cgr.down();
        for (int i = 0; i < 50; i++) {
            answeredCall("down-" + i, 5000);
        }
        await(
                () -> billing.outbox(Outbox.PENDING, 100).stream().anyMatch(e -> e.lastError() != null),
                3000,
                "a failed attempt");
        OutboxEntry failing = billing.outbox(Outbox.PENDING, 100).stream()
                .filter(e -> e.lastError() != null)
                .findFirst()
                .orElseThrow();
        assertTrue(failing.lastError().contains("NOT_CONNECTED"), failing.lastError());
        assertEquals(50, billing.outboxCounts().get("pending"));
        cgr.up();
        await(() -> cgr.cdrs.size() == 50, 10_000, "50 CDRs after CGRateS returned");
        await(() -> billing.outboxCounts().get("delivered") == 50, 3000, "50 delivered");
        assertEquals(50, cgr.cdrSends.get(), "none sent twice");
    }

    @Test
    void theMetersCountRequestsDeliveriesFailuresRetriesAndTheBacklog() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = CgratesMeterBindingAccess.bind(registry)) {
            billing(Map.of("bijson", "none"));
            cgr.down();
            for (int i = 0; i < 3; i++) {
                answeredCall("m-" + i, 5000);
            }
            await(() -> count(registry, "switchboard.cgrates.cdrs", "outcome", "failed") >= 1, 3000, "a failure");
            await(() -> gauge(registry, "pending") == 3, 7000, "the backlog counted");
            cgr.up();
            await(() -> cgr.cdrs.size() == 3, 10_000, "3 CDRs after CGRateS returned");
            await(() -> gauge(registry, "pending") == 0, 7000, "the backlog emptied");
            assertEquals(3, count(registry, "switchboard.cgrates.cdrs", "outcome", "delivered"));
            assertTrue(count(registry, "switchboard.cgrates.cdrs", "outcome", "retried") >= 1);
            assertEquals(0, gauge(registry, "failed"));
            String method = "SessionSv1.ProcessCDR";
            assertEquals(
                    3,
                    registry.get("switchboard.cgrates.requests")
                            .tags("method", method, "outcome", "ok")
                            .counter()
                            .count());
            assertTrue(registry.get("switchboard.cgrates.requests")
                            .tags("method", method, "outcome", "unreachable")
                            .counter()
                            .count()
                    >= 1);
            // a method off the list (a route's cgrates:command) is other; an error answer is counted as such
            assertThrows(
                    CgratesException.class, () -> billing.client.call("APIerSv1.Nonsense", billing.client.newArgs()));
            assertEquals(
                    1,
                    registry.get("switchboard.cgrates.requests")
                            .tags("method", "other", "outcome", "error")
                            .counter()
                            .count());
        }
        assertNull(registry.find("switchboard.cgrates.requests").counter());
        assertNull(registry.find("switchboard.cgrates.outbox.rows").gauge());
    }

    private static double count(SimpleMeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private static double gauge(SimpleMeterRegistry registry, String state) {
        return registry.get("switchboard.cgrates.outbox.rows")
                .tag("state", state)
                .gauge()
                .value();
    }

    @Test
    void aSendWhoseMarkWasLostIsAnsweredExistsAndCountsAsDelivered() throws Exception {
        billing(Map.of());
        answeredCall("crash-1", 3000);
        await(() -> billing.outboxCounts().get("delivered") == 1, 3000, "delivered");
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) { // kill -9 between the send and its mark
            st.execute("UPDATE cgrates_outbox SET state = 'pending', delivered_at = NULL");
        }
        // sent again once the claim of the dead sender has lapsed (lease: 2 x (connect + request time-out) + 1 s)
        await(() -> billing.outboxCounts().get("delivered") == 1 && cgr.cdrSends.get() == 2, 8000, "re-sent");
        assertEquals(1, cgr.cdrs.size(), "CGRateS keeps one CDR");
        assertEquals("EXISTS", billing.outbox(Outbox.DELIVERED, 10).get(0).lastError());
    }

    @Test
    void aRolledBackHistoryMoveLeavesNoRowAndASecondWriteForTheCallFails() throws Exception {
        billing(Map.of());
        DialogInfo d = dialog("rb", DialogState.ENDED, 1000, 2000, 5000, "BYE");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            billing.movingToHistory(c, d);
            c.rollback();
        }
        assertEquals(0, billing.outbox(null, 10).size());
        moveToHistory(d);
        boolean second;
        try {
            moveToHistory(d);
            second = true;
        } catch (SQLException e) {
            second = false;
        }
        assertFalse(second, "one CDR row per call");
    }

    @Test
    void missedCallsGiveACdrOnlyWhenConfigured() throws Exception {
        billing(Map.of("missed_calls", "true"));
        billing.onDialogEvent("ended", dialog("missed", DialogState.ENDED, 1000, 0, 9000, "CANCEL"));
        await(() -> cgr.cdrs.containsKey("missed;ft-missed"), 3000, "missed-call CDR");
        JsonNode cdr = cgr.cdrs.get("missed;ft-missed");
        assertEquals(0, cdr.get("Usage").asLong());
        assertFalse(cdr.has("AnswerTime"));
        assertEquals("CANCEL", cdr.get("DisconnectCause").asText());
    }

    @Test
    void cdrsv1ProcessEventCarriesTheFlags() throws Exception {
        billing(Map.of("cdr_method", "CDRsV1.ProcessEvent"));
        answeredCall("pe", 1000);
        await(() -> cgr.cdrs.size() == 1, 3000, "CDR");
        JsonNode req = cgr.requests.stream()
                .filter(r -> r.path("method").asText().equals("CDRsV1.ProcessEvent"))
                .findFirst()
                .orElseThrow();
        assertEquals("*attributes", req.get("params").get(0).get("Flags").get(0).asText());
    }

    private Exchange invite(String callId, String account, String type) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(SipHeaders.CALL_ID, callId);
        e.getMessage().setHeader(SipHeaders.FROM_TAG, "ft-" + callId);
        e.getMessage().setHeader(SipHeaders.FROM_URI, "sip:" + account + "@example.com");
        e.getMessage().setHeader(SipHeaders.REQUEST_URI, "sip:1002@example.com");
        if (type != null) {
            e.getMessage().setHeader(CgratesConstants.REQUEST_TYPE, type);
        }
        return e;
    }

    private void bill(Exchange e) {
        CallProducer p = new CallProducer(null, () -> billing);
        p.process(e);
    }

    @Test
    void insufficientCreditRefusesThePrepaidInviteWith402AndTheCgratesText() throws Exception {
        billing(Map.of());
        bij.balanceMillis.put("poor", 0L);
        Exchange e = invite("p1", "poor", "*prepaid");
        bill(e);
        assertEquals(402, e.getMessage().getHeader(SipHeaders.STATUS));
        assertEquals(
                "399 switchboard \"CGRateS: RALS_ERROR:INSUFFICIENT_CREDIT\"",
                e.getMessage().getHeader("SipHeader.Warning"));
        Exchange unknown = invite("p2", "ghost", "*prepaid");
        bill(unknown);
        assertEquals(403, unknown.getMessage().getHeader(SipHeaders.STATUS));
        assertTrue(unknown.getMessage()
                .getHeader("SipHeader.Warning", String.class)
                .contains("ACCOUNT_NOT_FOUND"));
    }

    @Test
    void unreachableFailsOpenAsPostpaidOrClosedWith503() throws Exception {
        billing(Map.of("bijson", "none"));
        cgr.down();
        Exchange open = invite("o1", "1001", "*prepaid");
        bill(open);
        assertNull(open.getMessage().getHeader(SipHeaders.STATUS));
        assertEquals("*postpaid", open.getMessage().getHeader(CgratesConstants.REQUEST_TYPE));
        billing.close();
        billing = null;
        cgr.close();
        bij.close();
        billing(Map.of("bijson", "none", "fail_policy", "closed"));
        cgr.down();
        Exchange closed = invite("c1", "1001", "*prepaid");
        bill(closed);
        assertEquals(
                503,
                closed.getMessage().getHeader(SipHeaders.STATUS),
                "" + closed.getMessage().getHeaders());
    }

    @Test
    void aPrepaidCallIsCutAtItsCreditThenTerminatedWithTheRealUsageBeforeItsCdr() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = CgratesMeterBindingAccess.bind(registry)) {
            prepaidCallCut(registry);
        }
    }

    private void prepaidCallCut(SimpleMeterRegistry registry) throws Exception {
        billing(Map.of("debit_interval", "0.5"));
        await(() -> bij.hasClient(), 3000, "bijson link");
        bij.balanceMillis.put("1001", 1500L);
        Exchange e = invite("pp", "1001", "*prepaid");
        bill(e);
        assertNull(e.getMessage().getHeader(SipHeaders.STATUS));
        assertEquals(1_500_000_000L, e.getMessage().getHeader(CgratesConstants.MAX_USAGE));
        long answered = System.currentTimeMillis();
        billing.onDialogEvent("answered", dialog("pp", DialogState.ANSWERED, answered - 1000, answered, 0, null));
        await(() -> ended.containsKey("pp"), 4000, "the cut");
        long cutAfter = ended.get("pp") - answered;
        assertTrue(cutAfter >= 1400 && cutAfter <= 2500, "cut " + cutAfter + " ms after answer, MaxUsage 1500");
        assertTrue(bij.count("SessionSv1.UpdateSession") >= 2, "updates every debit interval");
        DialogInfo end = dialog("pp", DialogState.ENDED, answered - 1000, answered, ended.get("pp"), "admin");
        billing.onDialogEvent("ended", end);
        moveToHistory(end);
        await(() -> cgr.cdrs.containsKey("pp;ft-pp"), 3000, "CDR");
        List<OutboxEntry> rows = billing.outbox(null, 10);
        assertEquals(
                List.of("SessionSv1.TerminateSession", "SessionSv1.ProcessCDR"),
                rows.stream().map(OutboxEntry::method).toList(),
                "terminate first");
        JsonNode terminate = cgr.requests.stream()
                .filter(r -> r.path("method").asText().equals("SessionSv1.TerminateSession"))
                .findFirst()
                .orElseThrow()
                .get("params")
                .get(0);
        assertEquals(cutAfter * 1_000_000L, terminate.get("Event").get("Usage").asLong(), "total usage in ns");
        assertEquals(
                1, registry.get("switchboard.cgrates.prepaid.cuts").counter().count());
        // over the bijson link, counted once (not again by the link's own engine list)
        assertEquals(
                1,
                registry.get("switchboard.cgrates.requests")
                        .tags("method", "SessionSv1.AuthorizeEvent", "outcome", "ok")
                        .counter()
                        .count());
    }

    @Test
    void disconnectSessionOnTheBijsonLinkEndsTheCallAndAnswersOk() throws Exception {
        billing(Map.of("debit_interval", "0"));
        await(() -> bij.hasClient(), 3000, "bijson link");
        bij.balanceMillis.put("1001", 600_000L);
        bill(invite("dc", "1001", "*prepaid"));
        billing.onDialogEvent(
                "answered", dialog("dc", DialogState.ANSWERED, 1000, System.currentTimeMillis(), 0, null));
        JsonNode ids = bij.request("SessionSv1.GetActiveSessionIDs", JsonRpc.MAPPER.createObjectNode());
        assertEquals("dc;ft-dc", ids.get("result").get(0).get("OriginID").asText());
        JsonNode reply = bij.disconnect("dc;ft-dc", "INSUFFICIENT_CREDIT");
        assertEquals("OK", reply.get("result").asText());
        assertTrue(reply.get("error").isNull());
        assertTrue(ended.containsKey("dc"));
        JsonNode unknown = bij.request("SessionSv1.Nonsense", JsonRpc.MAPPER.createObjectNode());
        assertEquals("UNSUPPORTED_SERVICE_METHOD", unknown.get("error").asText());
    }

    @Test
    void aThirdConcurrentCallOverALimitOfTwoIsRefusedAndEveryUsageIsReleasedOnce() throws Exception {
        billing(Map.of("resources", "true"));
        cgr.limits.put("1001", 2);
        Exchange a = invite("l1", "1001", null);
        Exchange b = invite("l2", "1001", null);
        Exchange c = invite("l3", "1001", null);
        bill(a);
        bill(b);
        bill(c);
        assertNull(a.getMessage().getHeader(SipHeaders.STATUS));
        assertNull(b.getMessage().getHeader(SipHeaders.STATUS));
        assertEquals(403, c.getMessage().getHeader(SipHeaders.STATUS));
        assertTrue(c.getMessage().getHeader("SipHeader.Warning", String.class).contains("RESOURCE_UNAVAILABLE"));
        DialogInfo cancelled = dialog("l1", DialogState.ENDED, 1000, 0, 3000, "CANCEL");
        billing.onDialogEvent("ended", cancelled);
        billing.onDialogEvent("ended", cancelled); // a repeated end releases nothing more
        await(() -> cgr.resourceUsages.size() == 1, 3000, "l1 released");
        Set<String> left = new HashSet<>(cgr.resourceUsages.keySet());
        assertEquals(Set.of("l2;ft-l2"), left);
        assertEquals(1, cgr.count("ResourceSv1.ReleaseResources"));
    }

    @Test
    void cgratesCmdSendsHeadersAsArgsAndEventAndReturnsTheReplyFields() throws Exception {
        billing(Map.of());
        await(() -> bij.hasClient(), 3000, "bijson link");
        bij.balanceMillis.put("1001", 45_000L);
        CgratesConfiguration config = new CgratesConfiguration();
        config.setMethod("SessionSv1.AuthorizeEvent");
        CommandProducer p = new CommandProducer(null, config, () -> billing);
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader("CgratesOpt.GetMaxUsage", true);
        e.getMessage().setHeader("CgratesEvent.Account", "1001");
        e.getMessage().setHeader("CgratesEvent.Usage", 60_000_000_000L);
        p.process(e);
        assertEquals(45_000_000_000L, ((Number) e.getMessage().getHeader("CgratesReply.MaxUsage")).longValue());
        assertNull(e.getMessage().getHeader(CgratesConstants.ERROR));
        JsonNode sent = bij.requests.get(bij.requests.size() - 1).get("params").get(0);
        assertTrue(sent.get("GetMaxUsage").asBoolean());
        assertEquals("cgrates.org", sent.get("Tenant").asText());
        assertEquals("1001", sent.get("Event").get("Account").asText());

        e.getMessage().setHeader("CgratesEvent.Account", "ghost");
        p.process(e);
        assertEquals("ACCOUNT_NOT_FOUND", e.getMessage().getHeader(CgratesConstants.ERROR));
        assertNull(e.getMessage().getHeader("CgratesReply.MaxUsage"), "the previous reply is gone");
        config.setThrowOnError(true);
        Exchange thrown = e;
        assertThrows(CgratesException.class, () -> p.process(thrown));
        assertThrows(IllegalArgumentException.class, () -> new CgratesConfiguration().setMethod("AuthorizeEvent"));
    }
}
