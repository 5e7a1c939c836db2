package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.registrar.LocationService;
import io.switchboard.store.SubscriberStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.apache.camel.Component;
import org.apache.camel.builder.RouteBuilder;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceReference;

/**
 * The stateful proxy of the default routes on the wire: a SIPp UAC calls a SIPp UAS (own loopback ports)
 * through Switchboard. Without a registrar the test gives the callee's address to the proxy by adding
 * {@code SipTargets} for {@code itest-callee} to the sip-call route of calls.xml (restored afterwards).
 */
public class ProxyIT extends SwitchboardTestSupport {

    private static final String CALLS_XML = "calls.xml";
    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";
    private static final String FAILURE_ROUTE = "<from uri=\"direct:call-failed\"/>";

    @Inject
    @Filter(value = "(dataSourceName=switchboard)", timeout = 60_000)
    protected DataSource dataSource;

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected LocationService location;

    /** Dialog events (their headers) published to the default endpoint, seda:dialog-events. */
    private static final BlockingQueue<Map<String, Object>> EVENTS = new LinkedBlockingQueue<>();

    @Before
    public void consumeDialogEvents() throws Exception {
        if (context.getRoute("itest-dialog-events") == null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:dialog-events")
                            .routeId("itest-dialog-events")
                            .process(
                                    e -> EVENTS.add(new HashMap<>(e.getMessage().getHeaders())));
                }
            });
        }
        EVENTS.clear();
    }

    /** The dialog events of the next call, up to and including its "ended" event (at most 10 s). */
    private static List<Map<String, Object>> eventsUntilEnded() throws InterruptedException {
        List<Map<String, Object>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> e = EVENTS.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                out.add(e);
                if ("ended".equals(e.get("DialogEvent"))) {
                    return out;
                }
            }
        }
        throw new AssertionError("no ended dialog event within 10 s; got " + out);
    }

    private static List<Object> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("DialogEvent")).toList();
    }

    /**
     * The dialog service's view of an ended call (through reflection: the test probe has no compile dependency on it).
     */
    private Object recentlyEnded(String callId) throws Exception {
        ServiceReference<?> ref = bundleContext.getServiceReference("io.switchboard.dialog.DialogService");
        assertTrue("DialogService registered", ref != null);
        Object service = bundleContext.getService(ref);
        try {
            for (Object d :
                    (List<?>) service.getClass().getMethod("recentlyEnded").invoke(service)) {
                if (callId.equals(d.getClass().getMethod("callId").invoke(d))) {
                    return d;
                }
            }
            return null;
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    /** "end_reason ended_by" of the dialog's rows in sb_dialog_history, once sb_dialog has no row for it. */
    private List<String> historyRows(String callId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sb_dialog WHERE call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("live rows of the ended call " + callId, 0, rs.getInt(1));
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT end_reason, ended_by FROM sb_dialog_history WHERE call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        return rows;
    }

    private static Object get(Object record, String accessor) throws Exception {
        return record.getClass().getMethod(accessor).invoke(record);
    }

    @Test
    public void callThroughTheProxyIsRecordRoutedAndTheByeComesThroughUs() throws Exception {
        int uasPort = Sipp.freePort();
        withCallee(uasPort, false, () -> {
            Running uas = Sipp.startUas("proxy-call", "uas-call.xml", sipPort(), uasPort, 1);
            try {
                Result uac = Sipp.run("proxy-call", "uac-call.xml", Transport.UDP, sipPort(), 1);
                Result callee = uas.await();
                assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
                assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
                String ours = "127.0.0.1:" + sipPort();
                assertTrue(
                        "Record-Route of this proxy in the 200:\n" + uac.messages(),
                        uac.messages().contains("Record-Route: <sip:" + ours + ";lr>"));
                String log = callee.messages();
                int bye = log.indexOf("BYE sip:");
                assertTrue("the callee got a BYE:\n" + log, bye >= 0);
                int end = log.indexOf("-----", bye);
                String byeText = log.substring(bye, end < 0 ? log.length() : end);
                assertTrue(
                        "the BYE came through this proxy (its Via):\n" + byeText,
                        byeText.contains("SIP/2.0/UDP " + ours + ";branch="));

                List<Map<String, Object>> events = eventsUntilEnded();
                assertEquals(List.of("created", "ringing", "answered", "ended"), types(events));
                Map<String, Object> ended = events.get(3);
                assertEquals("BYE", ended.get("DialogEndReason"));
                assertEquals("caller", ended.get("DialogEndedBy"));
                long duration = ((Number) ended.get("DialogDurationMillis")).longValue();
                assertTrue(
                        "duration covers the 700 ms pause of the caller: " + duration,
                        duration >= 600 && duration < 10_000);
                assertTrue(
                        "post-dial delay: " + ended.get("DialogPddMillis"),
                        ((Number) ended.get("DialogPddMillis")).longValue() >= 0);
                String callId = (String) ended.get("DialogCallId");
                Object dialog = recentlyEnded(callId);
                assertTrue("dialog service knows the ended call " + callId, dialog != null);
                assertEquals("ENDED", get(dialog, "state").toString());
                assertTrue(((Number) get(dialog, "answeredAt")).longValue() > 0);
                assertTrue("dialog:list answers", executeCommand("dialog:list").contains("Call-ID"));
                assertEquals(
                        "the answered call is written once to the history and no longer live",
                        List.of("BYE caller"),
                        historyRows(callId));
            } finally {
                uas.kill();
            }
        });
    }

    @Test
    public void cancelBeforeAnswerReachesTheCalleeAndTheCallerGets487() throws Exception {
        int uasPort = Sipp.freePort();
        withCallee(uasPort, false, () -> {
            Running uas = Sipp.startUas("proxy-cancel", "uas-cancel.xml", sipPort(), uasPort, 1);
            try {
                Result uac = Sipp.run("proxy-cancel", "uac-cancel.xml", Transport.UDP, sipPort(), 1);
                Result callee = uas.await();
                assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
                assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
                List<Map<String, Object>> events = eventsUntilEnded();
                assertEquals(List.of("created", "ringing", "ended"), types(events));
                assertEquals("CANCEL", events.get(2).get("DialogEndReason"));
                assertEquals("caller", events.get(2).get("DialogEndedBy"));
            } finally {
                uas.kill();
            }
        });
    }

    /**
     * RFC 3261 16.10 with two branches: a user registered with two SIPp contacts rings on both, the caller CANCELs.
     * The caller's CANCEL is answered 200 at once, both contacts get a CANCEL, one answers 487 at once and the other
     * 1 s later, and the caller's 487 comes only after that late one (SIPp's message logs: one clock, microseconds).
     */
    @Test
    public void cancelReachesEveryBranchAndThe487WaitsForTheSlowestBranch() throws Exception {
        String user = "fork-callee";
        subscribers.add(user, "127.0.0.1", "fork-pw");
        int fastPort = Sipp.freePort();
        int slowPort = Sipp.freePort();
        register("fork-callee-fast", user, "fork-pw", fastPort);
        register("fork-callee-slow", user, "fork-pw", slowPort);
        assertEquals(
                "two contacts registered",
                2,
                location.lookup(user + "@127.0.0.1").size());

        Running fast = Sipp.startUas("proxy-fork-fast", "uas-cancel.xml", sipPort(), fastPort, 1);
        Running slow = Sipp.startUas("proxy-fork-slow", "uas-cancel-slow-487.xml", sipPort(), slowPort, 1);
        try {
            Result uac = Sipp.run(
                    "proxy-fork-cancel", "uac-cancel-forked.xml", Transport.UDP, sipPort(), 1, "-key", "callee", user);
            Result fastCallee = fast.await();
            Result slowCallee = slow.await();
            assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
            assertEquals("fast callee (got the CANCEL):\n" + fastCallee.report(), 0, fastCallee.exitCode());
            assertEquals("slow callee (got the CANCEL):\n" + slowCallee.report(), 0, slowCallee.exitCode());

            LocalDateTime cancelSent = Sipp.first(uac.messages(), "CANCEL sent", m -> m.sent() && m.isRequest("CANCEL"))
                    .time();
            LocalDateTime cancelAnswered = Sipp.first(
                            uac.messages(), "200 for the CANCEL", m -> !m.sent() && m.isResponse(200, "CANCEL"))
                    .time();
            LocalDateTime callerGot487 = Sipp.first(
                            uac.messages(), "487 for the INVITE", m -> !m.sent() && m.isResponse(487, "INVITE"))
                    .time();
            LocalDateTime slowSent487 = Sipp.first(
                            slowCallee.messages(), "the slow 487", m -> m.sent() && m.isResponse(487, "INVITE"))
                    .time();
            LocalDateTime fastSent487 = Sipp.first(
                            fastCallee.messages(), "the fast 487", m -> m.sent() && m.isResponse(487, "INVITE"))
                    .time();
            String timeline = "CANCEL sent " + cancelSent + ", its 200 " + cancelAnswered + ", fast branch 487 "
                    + fastSent487 + ", slow branch 487 " + slowSent487 + ", caller's 487 " + callerGot487;
            assertTrue(
                    "200 to the CANCEL at once (< 500 ms), not after the branches: " + timeline,
                    Duration.between(cancelSent, cancelAnswered).toMillis() < 500);
            assertTrue(
                    "the caller's 487 only after the slow branch sent its 487: " + timeline,
                    !callerGot487.isBefore(slowSent487));
            assertTrue(
                    "the caller's 487 waited for the slow branch (>= 900 ms after the CANCEL): " + timeline,
                    Duration.between(cancelSent, callerGot487).toMillis() >= 900);
            assertEquals(
                    "one 487 upstream, the best response of both branches:\n" + uac.messages(),
                    1,
                    Sipp.logged(uac.messages()).stream()
                            .filter(m -> !m.sent() && m.isResponse(487, "INVITE"))
                            .count());
            List<Map<String, Object>> events = eventsUntilEnded();
            assertEquals("CANCEL", events.get(events.size() - 1).get("DialogEndReason"));
        } finally {
            fast.kill();
            slow.kill();
        }
    }

    /**
     * Connection reuse and double record-routing (README "Proxy"): a SIPp phone registers over its own TCP
     * connection with a Contact port where nothing listens; a UDP caller calls it. The INVITE must come over the
     * phone's connection (a new connection to the contact would be refused and the call would fail), carry two
     * Record-Routes with their transports and r2=on, and the phone's BYE must reach the UDP caller.
     */
    @Test
    public void tcpPhoneGetsItsCallOnItsOwnConnectionAndItsByeReachesTheUdpCaller() throws Exception {
        String user = "tcp-callee";
        subscribers.add(user, "127.0.0.1", "tcp-pw");
        int deadContactPort = Sipp.freePort();
        String callId = "tcp-reuse-" + System.nanoTime() + "@127.0.0.1";
        Running phone = Sipp.startUac(
                "proxy-tcp-phone",
                "register-tcp-then-answer.xml",
                Transport.TCP,
                sipPort(),
                1,
                "-s",
                user,
                "-au",
                user,
                "-ap",
                "tcp-pw",
                "-key",
                "contact_port",
                Integer.toString(deadContactPort),
                "-cid_str",
                callId);
        try {
            await(
                    "the TCP phone registered",
                    () -> !location.lookup(user + "@127.0.0.1").isEmpty());
            Result caller = Sipp.run(
                    "proxy-tcp-caller",
                    "uac-call-bye-from-callee.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-key",
                    "callee",
                    user,
                    "-cid_str",
                    callId);
            // the phone waits 2 s after its BYE's 200: its connections now are all the call used
            Matcher via =
                    Pattern.compile("Via: SIP/2.0/TCP 127\\.0\\.0\\.1:(\\d+);").matcher(phone.messages());
            assertTrue("the phone's REGISTER with its port:\n" + phone.messages(), via.find());
            List<String> connections = establishedFrom(Integer.parseInt(via.group(1)));
            Result callee = phone.await();
            assertEquals("caller:\n" + caller.report(), 0, caller.exitCode());
            assertEquals("TCP phone:\n" + callee.report(), 0, callee.exitCode());

            Sipp.Logged invite =
                    Sipp.first(callee.messages(), "INVITE at the phone", m -> !m.sent() && m.isRequest("INVITE"));
            assertEquals("the INVITE came over the phone's TCP connection", "TCP", invite.transport());
            String ours = "127.0.0.1:" + sipPort();
            List<String> routes = recordRoutes(invite.message());
            assertEquals(
                    "two Record-Routes with the flow token, towards the TCP callee on top, towards the UDP caller"
                            + " below:\n" + invite.message(),
                    List.of("<sip:" + ours + ";lr;transport=tcp;r2=on>", "<sip:" + ours + ";lr;r2=on>"),
                    withoutFlowToken(routes));
            Sipp.Logged ok =
                    Sipp.first(caller.messages(), "200 for the INVITE", m -> !m.sent() && m.isResponse(200, "INVITE"));
            assertEquals("the caller sees the same route set in the 200", routes, recordRoutes(ok.message()));
            Sipp.Logged bye = Sipp.first(caller.messages(), "BYE at the caller", m -> !m.sent() && m.isRequest("BYE"));
            assertEquals("the TCP phone's BYE reached the caller over UDP", "UDP", bye.transport());
            assertTrue(
                    "the BYE came through this proxy (its UDP Via):\n" + bye.message(),
                    bye.message().contains("SIP/2.0/UDP " + ours + ";branch="));
            Sipp.first(callee.messages(), "200 for the BYE at the phone", m -> !m.sent() && m.isResponse(200, "BYE"));
            assertEquals(
                    "INVITE, ACK and BYE all went over the one connection the phone opened (ss -tn):\n"
                            + String.join("\n", connections),
                    1,
                    connections.size());
        } finally {
            phone.kill();
        }
    }

    /**
     * A phone behind NAT on TCP (README "Proxy", flow tokens): its REGISTER and its 200 name a Contact port where
     * nothing listens, so in-dialog requests by the Contact would fail; the UDP caller's ACK and BYE must reach it
     * over the one TCP connection it opened, by the flow token in our Record-Route.
     */
    @Test
    public void callersByeReachesATcpPhoneWhoseContactIsNotItsConnectionOverThatConnection() throws Exception {
        String user = "nat-callee";
        subscribers.add(user, "127.0.0.1", "nat-pw");
        int deadContactPort = Sipp.freePort();
        String callId = "tcp-flow-" + System.nanoTime() + "@127.0.0.1";
        Running phone = Sipp.startUac(
                "proxy-nat-phone",
                "register-tcp-then-answer-wait-bye.xml",
                Transport.TCP,
                sipPort(),
                1,
                "-s",
                user,
                "-au",
                user,
                "-ap",
                "nat-pw",
                "-key",
                "contact_port",
                Integer.toString(deadContactPort),
                "-cid_str",
                callId);
        try {
            await(
                    "the TCP phone registered",
                    () -> !location.lookup(user + "@127.0.0.1").isEmpty());
            Result caller = Sipp.run(
                    "proxy-nat-caller",
                    "uac-call-bye-to-callee.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-key",
                    "callee",
                    user,
                    "-cid_str",
                    callId);
            // the phone waits 2 s after the 200 for the BYE: its connections now are all the call used
            Matcher via =
                    Pattern.compile("Via: SIP/2.0/TCP 127\\.0\\.0\\.1:(\\d+);").matcher(phone.messages());
            assertTrue("the phone's REGISTER with its port:\n" + phone.messages(), via.find());
            List<String> connections = establishedFrom(Integer.parseInt(via.group(1)));
            Result callee = phone.await();
            assertEquals("caller:\n" + caller.report(), 0, caller.exitCode());
            assertEquals("TCP phone:\n" + callee.report(), 0, callee.exitCode());

            Sipp.Logged ok =
                    Sipp.first(caller.messages(), "200 for the INVITE", m -> !m.sent() && m.isResponse(200, "INVITE"));
            assertTrue(
                    "the 200 names the phone's dead Contact:\n" + ok.message(),
                    ok.message().contains("127.0.0.1:" + deadContactPort + ";transport=tcp>"));
            List<String> routes = recordRoutes(ok.message());
            assertTrue(
                    "our Record-Routes carry a flow token:\n" + ok.message(),
                    routes.stream().allMatch(r -> FLOW_TOKEN.matcher(r).find()));
            Sipp.Logged bye = Sipp.first(callee.messages(), "BYE at the phone", m -> !m.sent() && m.isRequest("BYE"));
            assertEquals("the caller's BYE came over the phone's TCP connection", "TCP", bye.transport());
            assertTrue(
                    "the BYE still names the Contact as Request-URI:\n" + bye.message(),
                    bye.message().startsWith("BYE sip:" + user + "@127.0.0.1:" + deadContactPort));
            Sipp.first(callee.messages(), "ACK at the phone", m -> !m.sent() && m.isRequest("ACK"));
            Sipp.first(caller.messages(), "200 for the BYE at the caller", m -> !m.sent() && m.isResponse(200, "BYE"));
            assertEquals(
                    "INVITE, ACK and BYE all went over the one connection the phone opened (ss -tn):\n"
                            + String.join("\n", connections),
                    1,
                    connections.size());
        } finally {
            phone.kill();
        }
    }

    /** Our Record-Route with a flow token as user part ({@code sip:TOKEN@host:port}). */
    private static final Pattern FLOW_TOKEN = Pattern.compile("^<sip:[A-Za-z0-9_-]+@");

    /** Record-Route entries with the flow token (the URI's user part, different per call) taken out. */
    private static List<String> withoutFlowToken(List<String> routes) {
        return routes.stream()
                .map(r -> {
                    assertTrue("a flow token in " + r, FLOW_TOKEN.matcher(r).find());
                    return FLOW_TOKEN.matcher(r).replaceFirst("<sip:");
                })
                .toList();
    }

    /** The established TCP connections of local port {@code port} on this host ({@code ss -Htn}), one per line. */
    private static List<String> establishedFrom(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true)
                .start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("ss ended", ss.waitFor(10, TimeUnit.SECONDS));
        assertEquals("ss -Htn failed: " + out, 0, ss.exitValue());
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The Record-Route entries of a message in order (several headers or comma-separated values). */
    private static List<String> recordRoutes(String message) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?mi)^Record-Route: *(.*?)\\s*$").matcher(message);
        while (m.find()) {
            for (String v : m.group(1).split(",")) {
                out.add(v.trim());
            }
        }
        return out;
    }

    /** Registers one more contact of {@code user} (SIPp, digest, UDP) at 127.0.0.1:{@code contactPort}. */
    private void register(String run, String user, String password, int contactPort) throws Exception {
        assertSucceeded(Sipp.run(
                run,
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                user,
                "-au",
                user,
                "-ap",
                password,
                "-key",
                "contact_port",
                Integer.toString(contactPort)));
    }

    @Test
    public void busyCalleeReachesTheFailureRouteWithTheBestStatus() throws Exception {
        int uasPort = Sipp.freePort();
        withCallee(uasPort, true, () -> {
            Running uas = Sipp.startUas("proxy-busy", "uas-busy.xml", sipPort(), uasPort, 1);
            try {
                Result uac = Sipp.run("proxy-busy", "uac-busy.xml", Transport.UDP, sipPort(), 1);
                Result callee = uas.await();
                assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
                assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
                List<Map<String, Object>> events = eventsUntilEnded();
                assertEquals(List.of("created", "ended"), types(events));
                assertEquals("failure 486", events.get(1).get("DialogEndReason"));
                assertEquals("callee", events.get(1).get("DialogEndedBy"));
            } finally {
                uas.kill();
            }
        });
    }

    @Test
    public void maxForwardsZeroGets483() throws Exception {
        Result r = Sipp.run("proxy-max-forwards", "invite-max-forwards-0.xml", Transport.UDP, sipPort(), 1);
        assertEquals(r.report(), 0, r.exitCode());
    }

    /** A local user calls (From in a local domain): registrar:authenticate challenges with 407. */
    @Test
    public void callFromALocalUserIsChallenged407() throws Exception {
        Result r = Sipp.run("proxy-auth", "invite-local-407.xml", Transport.UDP, sipPort(), 1);
        assertEquals(r.report(), 0, r.exitCode());
    }

    @Test
    public void foreignToForeignGets403() throws Exception {
        Result r = Sipp.run("proxy-foreign", "invite-foreign-403.xml", Transport.UDP, sipPort(), 1);
        assertEquals(r.report(), 0, r.exitCode());
    }

    /** Proxy-Require with a tag the proxy does not support (default settings): 420 with Unsupported: sec-agree. */
    @Test
    public void unsupportedProxyRequireGets420WithUnsupported() throws Exception {
        setSupportedOptionTags("");
        Result r = Sipp.run("proxy-require-420", "invite-proxy-require-420.xml", Transport.UDP, sipPort(), 1);
        assertEquals(r.report(), 0, r.exitCode());
    }

    /** With sec-agree in supported_option_tags (Config Admin) the INVITE is relayed, Proxy-Require unchanged. */
    @Test
    public void supportedProxyRequireTagIsRelayed() throws Exception {
        int uasPort = Sipp.freePort();
        setSupportedOptionTags("path,sec-agree");
        try {
            withCallee(
                    uasPort,
                    false,
                    () -> callWithProxyRequire("proxy-require-supported", "uas-proxy-require.xml", uasPort));
        } finally {
            setSupportedOptionTags("");
        }
    }

    /**
     * The README's strip snippet at the top of sip-main (routes/sip.xml): a lone Proxy-Require: sec-agree is removed
     * before proxy:check, so the INVITE is relayed without it although the proxy does not support sec-agree.
     */
    @Test
    public void routeThatStripsSecAgreeGetsTheRequestRelayedWithoutIt() throws Exception {
        setSupportedOptionTags("");
        int uasPort = Sipp.freePort();
        Path sipXml = routesFolder().resolve(SIP_XML);
        String original = Files.readString(sipXml, StandardCharsets.UTF_8);
        Matcher main = SIP_MAIN_FROM.matcher(original);
        assertTrue("routes/sip.xml has no sip-main route with its <from>: update this test", main.find());
        String stripped = original.substring(0, main.end()) + "\n" + STRIP_SEC_AGREE + original.substring(main.end());
        try {
            replace(sipXml, stripped, State.LOADED);
            withCallee(
                    uasPort,
                    false,
                    () -> callWithProxyRequire("proxy-require-strip", "uas-no-proxy-require.xml", uasPort));
        } finally {
            replace(sipXml, original, State.LOADED);
        }
        Result refused =
                Sipp.run("proxy-require-restored", "invite-proxy-require-420.xml", Transport.UDP, sipPort(), 1);
        assertEquals("without the snippet sec-agree is refused again:\n" + refused.report(), 0, refused.exitCode());
    }

    private static final String SIP_XML = "sip.xml";
    private static final Pattern SIP_MAIN_FROM = Pattern.compile("<route id=\"sip-main\">\\s*<from [^>]*/>");
    /** Exactly the snippet of README "Proxy". */
    private static final String STRIP_SEC_AGREE = """
                <filter>
                  <simple>${header.SipMessage.headerCount('Proxy-Require')} == 1 &amp;&amp; \
            ${header.SipMessage.header('Proxy-Require')} == 'sec-agree'</simple>
                  <setHeader name="SipProxyRemoveHeaders"><constant>Proxy-Require</constant></setHeader>
                </filter>""";

    private void callWithProxyRequire(String run, String uasScenario, int uasPort) throws Exception {
        Running uas = Sipp.startUas(run, uasScenario, sipPort(), uasPort, 1);
        try {
            Result uac = Sipp.run(run, "uac-proxy-require.xml", Transport.UDP, sipPort(), 1);
            Result callee = uas.await();
            assertEquals("caller:\n" + uac.report(), 0, uac.exitCode());
            assertEquals("callee:\n" + callee.report(), 0, callee.exitCode());
        } finally {
            uas.kill();
        }
    }

    /** Sets supported_option_tags of PID io.switchboard.proxy and waits until the proxy component has it. */
    private void setSupportedOptionTags(String csv) throws Exception {
        configure("io.switchboard.proxy", "supported_option_tags", csv);
        String expected = String.join(",", csv.isBlank() ? new String[0] : csv.split(","));
        await("proxy supported_option_tags = " + csv, () -> {
            Component proxy = context.hasComponent("proxy");
            try {
                return proxy != null
                        && expected.equals(proxy.getClass()
                                .getMethod("getSupportedOptionTags")
                                .invoke(proxy));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with calls.xml sending calls for itest-callee to 127.0.0.1:{@code uasPort}; with
     * {@code answerFromFailureRoute} the failure route answers SipProxyStatus itself, adding X-Failure-Route.
     */
    private void withCallee(int uasPort, boolean answerFromFailureRoute, Body body) throws Exception {
        Path sipXml = routesFolder().resolve(CALLS_XML);
        String original = Files.readString(sipXml, StandardCharsets.UTF_8);
        assertTrue("routes/calls.xml has no " + CALL_ROUTE + ": update this test", original.contains(CALL_ROUTE));
        assertTrue("routes/calls.xml has no " + FAILURE_ROUTE + ": update this test", original.contains(FAILURE_ROUTE));
        String modified = original.replace(
                CALL_ROUTE,
                CALL_ROUTE
                        + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-callee@'</simple>"
                        + "<setHeader name=\"SipTargets\"><constant>sip:itest-callee@127.0.0.1:" + uasPort
                        + "</constant></setHeader>"
                        + "</when></choice>\n");
        if (answerFromFailureRoute) {
            modified = modified.replace(
                    FAILURE_ROUTE,
                    FAILURE_ROUTE
                            + "\n<setHeader name=\"SipHeader.X-Failure-Route\"><simple>"
                            + "${header.SipProxyStatus}</simple></setHeader>"
                            + "<setHeader name=\"SipStatus\"><simple>${header.SipProxyStatus}</simple></setHeader>\n");
        }
        try {
            replace(sipXml, modified, State.LOADED);
            body.run();
        } finally {
            replace(sipXml, original, State.LOADED);
        }
    }

    private RouteFileStatus replace(Path file, String content, State expected) throws Exception {
        Instant before = Instant.now();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return awaitFileStatus(file.getFileName().toString(), before, s -> s.state() == expected, expected.name());
    }
}
