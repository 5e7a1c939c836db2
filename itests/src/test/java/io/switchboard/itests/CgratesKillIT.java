package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cgrates.internal.CgratesDouble;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CDR outbox across {@code kill -9} of the platform (bundles/cgrates, issue 17): "a kill between the write and
 * the send loses nothing and duplicates nothing". Pax Exam cannot kill its own container, so this runs the built
 * distribution as a separate process ({@link ExternalKaraf}, as {@link RestartIT} does) on the default store (H2
 * file), with billing pointed at bundles/cgrates' {@link CgratesDouble} in this JVM.
 * <ol>
 * <li>CGRateS down; {@value #CALLS} SIPp calls through the default routes end: {@value #CALLS} CDR rows pending;
 * SIGKILL (the rows were written, none was sent);</li>
 * <li>started again, CGRateS still down: the rows are all still pending; CGRateS comes back answering each request
 * only after {@value #SLOW_ANSWER_MILLIS} ms, and the platform is killed again as soon as the first CDR reached it
 * (sent, its delivered mark never written);</li>
 * <li>started again, CGRateS quick: every call's CDR is at CGRateS once, the one sent before the kill sent again and
 * answered {@code EXISTS} (counted as delivered, so CGRateS holds it once), no other CDR sent twice; after a clean
 * stop the database has each call once in the history and every outbox row delivered.</li>
 * </ol>
 */
class CgratesKillIT {

    private static final int CALLS = 20;
    private static final int BOOT_SECONDS = 120;
    private static final long SLOW_ANSWER_MILLIS = 2500;
    private static final String CDR = "SessionSv1.ProcessCDR";
    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";
    private static final Pattern COUNTS = Pattern.compile("(\\d+) pending, (\\d+) delivered, (\\d+) failed");

    @Test
    void theOutboxLosesNothingAndDuplicatesNothingAcrossKills() throws Exception {
        Path assembly = Path.of(required("switchboard.assembly"));
        Path dir = Path.of(required(SwitchboardConfiguration.EXAM_DIR))
                .toAbsolutePath()
                .resolveSibling("cgrates-kill");
        try (ExternalKaraf karaf = ExternalKaraf.unpack(assembly, dir);
                CgratesDouble cgr = CgratesDouble.start(false)) {
            int uasPort = ExternalKaraf.freePort();
            callsToTheCalleeGoTo(karaf, uasPort);
            String cfg = "etc/io.switchboard.cgrates.cfg";
            karaf.put(cfg, "enabled", "true");
            karaf.put(cfg, "engines", "tcp://127.0.0.1:" + cgr.port());
            karaf.put(cfg, "bijson", "none");
            karaf.put(cfg, "connect_timeout", "0.5");
            // longer than the slow answers of step 2: the send is in flight, not timed out, when the kill comes
            karaf.put(cfg, "request_timeout", "4");
            karaf.put(cfg, "outbox.retry_min", "0.2");
            karaf.put(cfg, "outbox.retry_max", "1");
            cgr.down();

            // 1. CGRateS down while the calls end: the CDRs wait in the outbox; kill
            karaf.start(BOOT_SECONDS);
            // SIP answers before the features are all up: calls of that window are no dialogs (no history, no CDR)
            awaitCounts(karaf, 0, 0);
            Running uas = Sipp.startUas("cgrates-kill", "uas-call.xml", karaf.sipPort, uasPort, CALLS);
            Result uac = Sipp.run("cgrates-kill", "uac-call.xml", Transport.UDP, karaf.sipPort, CALLS, "-r", "10");
            assertEquals(0, uac.exitCode(), "callers:\n" + uac.report());
            Result callee = uas.await();
            assertEquals(0, callee.exitCode(), "callee:\n" + callee.report());
            awaitCounts(karaf, CALLS, 0);
            // H2 writes a commit to its file up to 0.5 s later (WRITE_DELAY): the rows must be on disk, as after
            // any commit that is not within that window
            Thread.sleep(1500);
            karaf.kill();
            assertEquals(0, cgr.cdrSends.get(), "nothing reached CGRateS while it was down");

            // 2. started again, CGRateS still down: nothing lost; then CGRateS slow, and a kill during a send
            karaf.start(BOOT_SECONDS);
            awaitCounts(karaf, CALLS, 0);
            cgr.delayMillis = SLOW_ANSWER_MILLIS;
            cgr.up();
            await("a first CDR at CGRateS", () -> cgr.cdrSends.get() > 0);
            karaf.kill();
            Set<String> sentBeforeKill = originIds(cgr.requests);
            System.out.println("CDRs at CGRateS when the JVM was killed during the sends: " + sentBeforeKill);
            assertTrue(
                    sentBeforeKill.size() >= 1 && sentBeforeKill.size() < CALLS,
                    "killed during the sends: " + sentBeforeKill);

            // 3. started again, CGRateS quick: every CDR once
            cgr.delayMillis = 0;
            karaf.start(BOOT_SECONDS);
            await(CALLS + " CDRs at CGRateS", () -> cgr.cdrs.size() == CALLS);
            awaitCounts(karaf, 0, CALLS);
            Thread.sleep(2000); // a second send of a delivered row would come within the back-off
            Map<String, Integer> sends = new HashMap<>();
            for (JsonNode r : cgr.requests) {
                if (CDR.equals(r.path("method").asText())) {
                    sends.merge(originId(r), 1, Integer::sum);
                }
            }
            assertEquals(cgr.cdrs.keySet(), sends.keySet(), "the CDRs sent are the CDRs CGRateS holds");
            for (Map.Entry<String, Integer> s : sends.entrySet()) {
                int expected = sentBeforeKill.contains(s.getKey()) ? 2 : 1;
                assertEquals(
                        expected,
                        s.getValue(),
                        "sends of " + s.getKey() + " (sent again only when its delivered mark died with the JVM)");
            }
            karaf.stop();

            // the database after a clean stop: each call once in the history, each with its one delivered CDR row
            String url = "jdbc:h2:file:" + karaf.home.resolve("data/switchboard/switchboard");
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                Set<String> history = column(c, "SELECT call_id FROM sb_dialog_history");
                Set<String> cdrCalls = new HashSet<>();
                for (String originId : cgr.cdrs.keySet()) {
                    cdrCalls.add(originId.substring(0, originId.lastIndexOf(';')));
                }
                assertEquals(history, cdrCalls, "one CDR per call of the history");
                assertEquals(
                        Set.of("delivered " + CALLS),
                        column(c, "SELECT state || ' ' || COUNT(*) FROM cgrates_outbox GROUP BY state"),
                        "outbox rows by state");
                assertEquals(
                        sentBeforeKill,
                        column(c, "SELECT origin_id FROM cgrates_outbox WHERE last_error = 'EXISTS'"),
                        "the rows whose mark died with the JVM: sent again, answered EXISTS, counted delivered");
            }
        }
    }

    /** routes/calls.xml sends calls to itest-callee to the SIPp UAS (as the Pax Exam tests' withCallee does). */
    private static void callsToTheCalleeGoTo(ExternalKaraf karaf, int uasPort) throws Exception {
        Path callsXml = karaf.home.resolve("routes/calls.xml");
        String original = Files.readString(callsXml, StandardCharsets.UTF_8);
        assertTrue(original.contains(CALL_ROUTE), "routes/calls.xml has no " + CALL_ROUTE + ": update this test");
        Files.writeString(
                callsXml,
                original.replace(
                        CALL_ROUTE,
                        CALL_ROUTE
                                + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-callee@'"
                                + "</simple><setHeader name=\"SipTargets\"><constant>sip:itest-callee@127.0.0.1:"
                                + uasPort + "</constant></setHeader></when></choice>\n"),
                StandardCharsets.UTF_8);
    }

    /** Waits until {@code cgrates:outbox} counts {@code pending} and {@code delivered} rows and none failed. */
    private static void awaitCounts(ExternalKaraf karaf, int pending, int delivered) throws Exception {
        String want = pending + " pending, " + delivered + " delivered, 0 failed";
        long deadline = System.currentTimeMillis() + 60_000;
        String out = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                out = karaf.shell("cgrates:outbox -n 1");
            } catch (AssertionError e) { // the command is registered once billing has started
                out = e.getMessage();
            }
            Matcher m = COUNTS.matcher(out);
            if (m.find() && m.group().equals(want)) {
                return;
            }
            Thread.sleep(500);
        }
        fail("cgrates:outbox never showed '" + want + "' within 60 s; last:\n" + out);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Set<String> originIds(List<JsonNode> requests) {
        Set<String> ids = new HashSet<>();
        for (JsonNode r : requests) {
            if (CDR.equals(r.path("method").asText())) {
                ids.add(originId(r));
            }
        }
        return ids;
    }

    private static String originId(JsonNode request) {
        return request.path("params").path(0).path("Event").path("OriginID").asText();
    }

    private static Set<String> column(Connection c, String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(
                    "system property " + key + " is not set: run the tests through Maven (failsafe)");
        }
        return v;
    }
}
