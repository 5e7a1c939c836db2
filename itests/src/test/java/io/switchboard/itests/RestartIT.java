package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Restarts of the real distribution with a registration and a live call: the built tar.gz unpacked under
 * target/, {@code bin/karaf server} on free ports (see {@link ExternalKaraf}), SIPp on the wire.
 * <ol>
 * <li>subscriber alice (shell), alice REGISTERs (digest) with the contact of a SIPp UAS; a SIPp UAC calls
 * alice through the proxy (location lookup, Record-Route) and holds the answered call;</li>
 * <li>{@code bin/stop}, start again: registrar:list still has alice's contact, dialog:list the call as
 * ANSWERED; the caller's BYE goes through the restarted proxy to the callee, which answers 200;</li>
 * <li>a second call to alice reaches the UAS through the restored registration and is held; the JVM is
 * killed (SIGKILL), started again: the registration and the call are back, the BYE goes through;</li>
 * <li>after a last stop the database has each call once in sb_dialog_history (BYE by the caller) and no
 * live row.</li>
 * </ol>
 * Once on the default store (embedded H2) and once on the build's PostgreSQL cluster (a database of its own),
 * two distributions side by side, concurrently: most of the time is waiting (boots, stops, calls), so the two
 * cost little more than one.
 */
@Execution(ExecutionMode.CONCURRENT)
class RestartIT {

    /** The build's PostgreSQL cluster (failsafe system properties; see cluster.sh). */
    static final String PG_URL = "switchboard.pg.url";

    static final String PG_USER = "switchboard.pg.user";
    static final String PG_PASSWORD = "switchboard.pg.password";

    private static final int BOOT_SECONDS = 120;
    private static final int HELD_CALL_SECONDS = 300;

    @Test
    void onH2() throws Exception {
        registrationAndLiveCallSurviveACleanRestartAndAKill(null);
    }

    @Test
    void onPostgreSql() throws Exception {
        registrationAndLiveCallSurviveACleanRestartAndAKill(required(PG_URL));
    }

    /**
     * The whole story, on H2 ({@code clusterDb} null) or on a new database of the PostgreSQL server of {@code
     * clusterDb}.
     */
    private void registrationAndLiveCallSurviveACleanRestartAndAKill(String clusterDb) throws Exception {
        Path assembly = Path.of(required("switchboard.assembly"));
        boolean postgres = clusterDb != null;
        String run = postgres ? "restart-postgresql" : "restart-h2";
        Path dir = Path.of(required(SwitchboardConfiguration.EXAM_DIR))
                .toAbsolutePath()
                .resolveSibling(run);
        List<String> figures = new ArrayList<>();

        try (ExternalKaraf karaf = ExternalKaraf.unpack(assembly, dir)) {
            String jdbcUrl;
            String user;
            String password;
            if (postgres) {
                // a database of its own on the suite's PostgreSQL server
                user = System.getProperty(PG_USER, "");
                password = System.getProperty(PG_PASSWORD, "");
                jdbcUrl = clusterDb.substring(0, clusterDb.lastIndexOf('/') + 1) + "sb_restart";
                try (Connection c = DriverManager.getConnection(
                                clusterDb.substring(0, clusterDb.lastIndexOf('/') + 1) + "postgres", user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS sb_restart");
                    st.execute("CREATE DATABASE sb_restart");
                }
                karaf.put("etc/io.switchboard.store.cfg", "db.url", jdbcUrl);
                karaf.put("etc/io.switchboard.store.cfg", "db.user", user);
                karaf.put("etc/io.switchboard.store.cfg", "db.password", password);
            } else {
                jdbcUrl = "jdbc:h2:file:" + karaf.home.resolve("data/switchboard/switchboard");
                user = "sa";
                password = "";
            }

            figures.add("first start to SIP 200: " + karaf.start(BOOT_SECONDS) + " ms");
            assertTrue(karaf.shell("subscriber:add alice@127.0.0.1 secret").contains("Added alice@127.0.0.1"));

            // alice registers with the address of the UAS that will answer her calls
            int alicePort = ExternalKaraf.freePort();
            Running register = Sipp.start(
                    run + "-register",
                    "register-digest.xml",
                    karaf.sipPort,
                    alicePort,
                    1,
                    20,
                    "-s",
                    "alice",
                    "-au",
                    "alice",
                    "-ap",
                    "secret");
            assertSucceeded("REGISTER", register.await());
            Running alice =
                    Sipp.start(run + "-alice-uas", "uas-call.xml", karaf.sipPort, alicePort, 2, HELD_CALL_SECONDS);
            try {
                // call 1, held across a clean restart
                String call1 = "restart-1-" + System.currentTimeMillis();
                int caller1Port = ExternalKaraf.freePort();
                Running caller1 = Sipp.start(
                        run + "-caller-1",
                        "uac-hold.xml",
                        karaf.sipPort,
                        caller1Port,
                        1,
                        HELD_CALL_SECONDS,
                        "-s",
                        "alice",
                        "-cid_str",
                        call1);
                awaitAnswered(karaf, alice, 1, call1);

                // a DFKS device of alice, subscribed across the clean restart (dfks-restore.xml: full state with DND
                // off, then it waits for the NOTIFY of the restored subscription, which must carry DND on)
                int devicePort = ExternalKaraf.freePort();
                Running device = Sipp.start(
                        run + "-dfks-device",
                        "dfks-restore.xml",
                        karaf.sipPort,
                        devicePort,
                        1,
                        HELD_CALL_SECONDS,
                        "-s",
                        "alice",
                        "-ap",
                        "secret");
                awaitSubscribed(karaf, "alice@127.0.0.1");
                // an SCA member of alice's line watching call-info across the clean restart (sca-restore.xml: the
                // subscription is written at stop, restored, re-NOTIFYed, then ended in its dialog)
                int scaPort = ExternalKaraf.freePort();
                Running scaMember = Sipp.start(
                        run + "-sca-member",
                        "sca-restore.xml",
                        karaf.sipPort,
                        scaPort,
                        1,
                        HELD_CALL_SECONDS,
                        "-s",
                        "alice",
                        "-ap",
                        "secret");
                awaitShell(karaf, "sca:subscriptions", "call-info alice@127.0.0.1");

                long stop = karaf.stop();
                // DND switched on in the integrator's storage while the platform is down: the restored subscription
                // must be re-NOTIFYed with the current value, read through the get route
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                        Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO dfks_feature (username, domain, feature, status) VALUES ('alice', "
                            + "'127.0.0.1', 'DoNotDisturb', TRUE)");
                }
                long start = karaf.start(BOOT_SECONDS);
                figures.add("clean restart: bin/stop " + stop + " ms + start to SIP 200 " + start + " ms = "
                        + (stop + start) + " ms");
                String restored = awaitRestored(karaf, "sip:alice@127.0.0.1:" + alicePort, call1);
                int expires = expiresOf(restored, "sip:alice@127.0.0.1:" + alicePort);
                assertTrue(expires > 0 && expires < 600, "remaining expiry after the restart: " + restored);
                figures.add("after the clean restart: alice's contact expires in " + expires + " s of 600");

                assertSucceeded(
                        "DFKS device (re-NOTIFYed with DND on after the restart, then un-subscribed)", device.await());
                figures.add("a DFKS subscription survived the clean restart and was re-NOTIFYed with the value stored "
                        + "meanwhile");
                assertSucceeded(
                        "SCA member (call-info subscription restored, re-NOTIFYed, then un-subscribed)",
                        scaMember.await());
                figures.add("an SCA call-info subscription survived the clean restart and was re-NOTIFYed");

                hangUp(caller1Port, call1);
                assertSucceeded("caller 1 (BYE through the restarted proxy answered 200)", caller1.await());

                // DND is applied to calls (bundles/callfwd): switched off again, through the set route, before alice
                // is called again
                String dndOff = karaf.shell("dfks:set alice@127.0.0.1 DoNotDisturb off");
                assertTrue(dndOff.contains("Set ") && !dndOff.contains("Error"), "dfks:set answered: " + dndOff);

                // call 2: reaches alice by the restored registration, held across a kill
                String call2 = "restart-2-" + System.currentTimeMillis();
                int caller2Port = ExternalKaraf.freePort();
                Running caller2 = Sipp.start(
                        run + "-caller-2",
                        "uac-hold.xml",
                        karaf.sipPort,
                        caller2Port,
                        1,
                        HELD_CALL_SECONDS,
                        "-s",
                        "alice",
                        "-cid_str",
                        call2);
                awaitAnswered(karaf, alice, 2, call2);
                // the registration is on disk since long; the answered call since its 200 (one INSERT). H2 writes a
                // commit to its file up to 0.5 s later (WRITE_DELAY): what a kill within that window loses.
                Thread.sleep(1500);
                karaf.kill();
                long start3 = karaf.start(BOOT_SECONDS);
                figures.add("start after SIGKILL to SIP 200: " + start3 + " ms");
                awaitRestored(karaf, "sip:alice@127.0.0.1:" + alicePort, call2);
                hangUp(caller2Port, call2);
                assertSucceeded(
                        "caller 2 (BYE through the proxy started after the kill answered 200)", caller2.await());

                Result callee = alice.await();
                assertSucceeded("alice's UAS (2 calls, each BYE came through the proxy)", callee);
                assertEquals(2, count(callee.messages(), "BYE sip:"), "BYEs that reached alice:\n" + callee.messages());

                String log = karaf.logText();
                assertTrue(log.contains("1 live dialogs restored"), "karaf.log tells the restored dialog");
                assertTrue(log.contains("Restored 1 contacts of 1 AoRs"), "karaf.log tells the restored contact");
                figures.add("final bin/stop: " + karaf.stop() + " ms");

                // the database after the last stop: each call once in the history, nothing live
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
                    assertEquals(List.of("BYE caller"), history(c, call1), "history of call 1");
                    assertEquals(List.of("BYE caller"), history(c, call2), "history of call 2");
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sb_dialog")) {
                        rs.next();
                        assertEquals(0, rs.getInt(1), "live dialog rows after both calls ended");
                    }
                    if (postgres) {
                        // what the two calls cost: PostgreSQL counts the row writes per table (its own database)
                        String writes = awaitRowWrites(c, "sb_dialog=2/0/2 sb_dialog_history=2/0/0");
                        figures.add("row writes (inserted/updated/deleted) of 2 answered calls: " + writes
                                + " = 3 per call in 2 transactions");
                    }
                }
            } finally {
                alice.kill();
                Files.write(dir.resolve("figures.txt"), figures, StandardCharsets.UTF_8);
                System.out.println(run + " figures:\n  " + String.join("\n  ", figures));
            }
        }
    }

    /** Waits until a shell command's output contains {@code text}. */
    private static void awaitShell(ExternalKaraf karaf, String command, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String out = "";
        while (System.currentTimeMillis() < deadline) {
            out = karaf.shell(command);
            if (out.contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(command + " did not show '" + text + "' within 30 s:\n" + out);
    }

    /** Waits until {@code subscription:list} shows a subscription of {@code presentity}. */
    private static void awaitSubscribed(ExternalKaraf karaf, String presentity) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String list = "";
        while (System.currentTimeMillis() < deadline) {
            list = karaf.shell("subscription:list");
            if (list.contains(presentity)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no subscription of " + presentity + " within 30 s:\n" + list);
    }

    /**
     * Waits until alice's UAS got the ACK of call number {@code n}: the 200 went through the proxy before, and the
     * dialog module queued the answered call's INSERT for its writer thread (milliseconds; a clean stop drains it).
     */
    private static void awaitAnswered(ExternalKaraf karaf, Running uas, int n, String callId) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (count(uas.messages(), "ACK sip:") < n) {
            if (System.currentTimeMillis() > deadline || !uas.process().isAlive()) {
                fail("call " + callId + " was not answered and ACKed at alice's UAS; its messages:\n" + uas.messages());
            }
            Thread.sleep(100);
        }
    }

    /** registrar:list and dialog:list (one shell session) until they show the contact and the call ANSWERED. */
    private static String awaitRestored(ExternalKaraf karaf, String contact, String callId) throws Exception {
        return awaitShell(
                karaf,
                new String[] {"registrar:list", "dialog:list"},
                out -> out.contains(contact) && answered(out, callId));
    }

    private static boolean answered(String dialogList, String callId) {
        return dialogList.lines().anyMatch(l -> l.startsWith(callId + " ") && l.contains(" ANSWERED "));
    }

    /** Runs shell commands until their output satisfies {@code accept} (at most 30 s); returns that output. */
    private static String awaitShell(ExternalKaraf karaf, String[] commands, Predicate<String> accept)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String command = String.join("; ", commands);
        String out;
        do {
            out = karaf.shell(commands);
            if (accept.test(out)) {
                return out;
            }
            Thread.sleep(300);
        } while (System.currentTimeMillis() < deadline);
        fail("'" + command + "' never showed what was expected within 30 s; last output:\n" + out);
        return out;
    }

    /** The caller's "hang up now": an INFO with its Call-ID, straight to its UA (see uac-hold.xml). */
    private static void hangUp(int callerPort, String callId) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String info = "INFO sip:restart-caller@127.0.0.1:" + callerPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-hangup-" + System.nanoTime()
                    + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:restart-test@127.0.0.1>;tag=hangup\r\n"
                    + "To: <sip:restart-caller@caller.example.net>\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 1 INFO\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] b = info.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), callerPort));
        }
    }

    /**
     * Inserted/updated/deleted rows of the dialog tables (pg_stat_user_tables), once they equal {@code expected}
     * (a backend reports its counts when it ends: the closed pool's backends may take a moment).
     */
    private static String awaitRowWrites(Connection c, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        String writes;
        do {
            StringBuilder sb = new StringBuilder();
            try (Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables "
                                    + "WHERE relname IN ('sb_dialog', 'sb_dialog_history') ORDER BY relname")) {
                while (rs.next()) {
                    sb.append(sb.length() == 0 ? "" : " ")
                            .append(rs.getString(1))
                            .append('=')
                            .append(rs.getLong(2))
                            .append('/')
                            .append(rs.getLong(3))
                            .append('/')
                            .append(rs.getLong(4));
                }
            }
            writes = sb.toString();
            if (writes.equals(expected)) {
                return writes;
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_clear_snapshot()"); // the next read sees fresh counts
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        fail("row writes of the dialog tables: expected " + expected + ", got " + writes);
        return writes;
    }

    private static List<String> history(Connection c, String callId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT end_reason, ended_by FROM sb_dialog_history WHERE call_id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }

    /** Seconds left of {@code contact} in registrar:list output (the "Expires" column, e.g. {@code 593s}). */
    private static int expiresOf(String registrarList, String contact) {
        Matcher m = Pattern.compile(Pattern.quote(contact) + "\\s+(\\d+)s").matcher(registrarList);
        if (!m.find()) {
            fail("no expiry for " + contact + " in\n" + registrarList);
        }
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void assertSucceeded(String what, Result r) {
        assertEquals(0, r.exitCode(), what + ":\n" + r.report());
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
