package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
