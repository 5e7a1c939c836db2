package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cgrates.internal.CgratesDouble;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * CGRateS billing on the wire (bundles/cgrates, issue 17): SIPp callers and callees through the default routes
 * (calls.xml → routes/cgrates.xml → cgrates:call → proxy:relay), the platform's billing pointed at a CGRateS v0.10
 * double running in this test (JSON-RPC object stream on one port, the bijson link on another): bundles/cgrates'
 * {@link CgratesDouble}, unpacked from its test-jar into the probe (itests/pom.xml), the one its unit tests use.
 */
public class CgratesIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.cgrates";
    private static final String CGRATES_XML = "cgrates.xml";
    private static final String ACCOUNT = "itest-caller";
    /** Karaf's felix.fileinstall.poll (etc/config.properties). */
    private static final long FILE_INSTALL_POLL_MILLIS = 1000;

    @Inject
    @Filter(value = "(dataSourceName=switchboard)", timeout = 60_000)
    protected DataSource dataSource;

    private CgratesDouble cgr;
    private CgratesDouble bij;
    private String originalCgratesXml;

    @Before
    public void billingOnAgainstTheDouble() throws Exception {
        cgr = CgratesDouble.start(false);
        bij = CgratesDouble.start(true);
        originalCgratesXml = Files.readString(routesFolder().resolve(CGRATES_XML), StandardCharsets.UTF_8);
        Map<String, String> on = new LinkedHashMap<>();
        on.put("engines", "tcp://127.0.0.1:" + cgr.port());
        on.put("bijson", "127.0.0.1:" + bij.port());
        on.put("request_timeout", "1");
        on.put("connect_timeout", "0.5");
        on.put("debit_interval", "1");
        on.put("outbox.retry_min", "0.2");
        on.put("outbox.retry_max", "1");
        on.put("enabled", "true");
        for (int attempt = 1; !billingSettled(on); attempt++) {
            assertTrue("billing against the double did not hold after 3 settings updates", attempt < 3);
        }
    }

    @After
    public void billingOff() throws Exception {
        configureBilling(Map.of("enabled", "false"));
        replaceRouteFile(routesFolder().resolve(CGRATES_XML), originalCgratesXml);
        cgr.close();
        bij.close();
    }

    /**
     * Applies the settings in one Config Admin update and tells whether they held. Karaf's file install writes an
     * applied configuration back to etc/ asynchronously and re-reads its files: a file it wrote for an earlier update
     * (the previous test's "enabled = false") can be applied again after this one, turning billing off under the
     * test (seen once: the calls then went unbilled). Held = the file carries this test's engine, and a file-install
     * poll later billing is still linked to the double.
     */
    private boolean billingSettled(Map<String, String> settings) throws Exception {
        configureBilling(settings);
        Path cfg = Path.of(System.getProperty("karaf.etc"), PID + ".cfg");
        String engine = settings.get("engines");
        await("etc/" + PID + ".cfg written with " + engine, () -> {
            try {
                return Files.readString(cfg, StandardCharsets.ISO_8859_1).contains(engine);
            } catch (IOException e) {
                return false;
            }
        });
        await("billing connected to the double's bijson listener", () -> bij.hasClient());
        Thread.sleep(FILE_INSTALL_POLL_MILLIS + 500);
        return bij.hasClient()
                && Files.readString(cfg, StandardCharsets.ISO_8859_1).contains(engine);
    }

    private void configureBilling(Map<String, String> settings) throws Exception {
        Configuration c = service(ConfigurationAdmin.class).getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        settings.forEach(props::put);
        c.update(props);
    }

    /** routes/cgrates.xml with every call of itest-caller billed as {@code type}. */
    private void billAs(String type) throws Exception {
        billAs(type, "");
    }

    /** routes/cgrates.xml with every call billed as {@code type}, {@code more} (route steps) before cgrates:call. */
    private void billAs(String type, String more) throws Exception {
        String marker = "<to uri=\"cgrates:call\"/>";
        assertTrue("routes/cgrates.xml has no " + marker + ": update this test", originalCgratesXml.contains(marker));
        replaceRouteFile(
                routesFolder().resolve(CGRATES_XML),
                originalCgratesXml.replace(
                        marker,
                        "<setHeader name=\"CgratesRequestType\"><constant>" + type + "</constant></setHeader>"
                                + more
                                + marker));
    }

    /** Answer and end of the history row of a Call-ID (ms), or null. */
    private long[] history(String callId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT answered_at, ended_at FROM sb_dialog_history WHERE call_id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    private static String callIdOf(String originId) {
        return originId.substring(0, originId.lastIndexOf(';'));
    }

    @Test
    public void nCallsGiveNCdrsWithUniqueOriginIdsAndTheirUsage() throws Exception {
        billAs("*postpaid");
        int uasPort = Sipp.freePort();
        int calls = 10;
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-n-calls", "uas-call.xml", sipPort(), uasPort, calls);
            Result uac = Sipp.run("cgrates-n-calls", "uac-call.xml", Transport.UDP, sipPort(), calls);
            assertSucceeded(uac);
            assertSucceeded(uas.await());
        });
        await(calls + " CDRs at the double", () -> cgr.cdrs.size() == calls);
        assertEquals("each CDR sent once", calls, cgr.cdrSends.get());
        Set<String> callIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> cdr : cgr.cdrs.entrySet()) {
            String callId = callIdOf(cdr.getKey());
            assertTrue("one CDR per call", callIds.add(callId));
            long[] h = history(callId);
            assertTrue("the CDR's call is in the dialog history: " + callId, h != null);
            assertEquals(
                    "Usage in ns = answer to end",
                    (h[1] - h[0]) * 1_000_000L,
                    cdr.getValue().get("Usage").asLong());
            assertEquals(ACCOUNT, cdr.getValue().get("Account").asText());
            assertEquals("itest-callee", cdr.getValue().get("Destination").asText());
        }
    }

    @Test
    public void cgratesDownDuringFiftyCallsThenFiftyCdrsOnceEach() throws Exception {
        billAs("*postpaid");
        cgr.down();
        int uasPort = Sipp.freePort();
        int calls = 50;
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-down", "uas-call.xml", sipPort(), uasPort, calls);
            Result uac = Sipp.run("cgrates-down", "uac-call.xml", Transport.UDP, sipPort(), calls, "-r", "25");
            assertSucceeded(uac);
            assertSucceeded(uas.await());
        });
        await("50 CDRs waiting in the outbox", () -> {
            try {
                HttpResponse<String> r = api("GET", "/api/cgrates/outbox?state=pending&limit=100", null);
                return r.statusCode() == 200 && r.body().contains("\"pending\":" + calls);
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(0, cgr.cdrs.size());
        cgr.up();
        await("50 CDRs after CGRateS came back", () -> cgr.cdrs.size() == calls);
        Thread.sleep(1500); // a duplicate send would come within the back-off
        assertEquals("none sent twice", calls, cgr.cdrSends.get());
    }

    @Test
    public void insufficientCreditGets402WithTheCgratesTextAndTheCalleeNeverRings() throws Exception {
        billAs("*prepaid");
        bij.balanceMillis.put(ACCOUNT, 0L);
        cgr.balanceMillis.put(ACCOUNT, 0L);
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-402", "uas-call.xml", sipPort(), uasPort, 1);
            try {
                assertSucceeded(Sipp.run("cgrates-402", "invite-prepaid-402.xml", Transport.UDP, sipPort(), 1));
                Thread.sleep(500);
                assertFalse(
                        "no INVITE at the callee:\n" + uas.messages(),
                        uas.messages().contains("INVITE sip:"));
            } finally {
                uas.kill();
            }
        });
    }

    @Test
    public void aPrepaidCallIsCutAtMaxUsageWithAByeToBothSides() throws Exception {
        billAs("*prepaid");
        bij.balanceMillis.put(ACCOUNT, 2500L);
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-cut", "uas-call-held.xml", sipPort(), uasPort, 1);
            Running uac = Sipp.start("cgrates-cut-uac", "uac-call-held.xml", sipPort(), Sipp.freePort(), 1, 30);
            assertSucceeded(uac.await());
            assertSucceeded(uas.await());
        });
        await("the CDR of the cut call", () -> cgr.cdrs.size() == 1);
        String originId = cgr.cdrs.keySet().iterator().next();
        long[] h = history(callIdOf(originId));
        long talk = h[1] - h[0];
        assertTrue("cut within one second of MaxUsage (2.5 s): " + talk + " ms", talk >= 2400 && talk <= 3500);
        assertTrue("TerminateSession before the CDR", cgr.count("SessionSv1.TerminateSession") == 1);
    }

    @Test
    public void disconnectSessionFromCgratesEndsALiveCall() throws Exception {
        billAs("*prepaid");
        bij.balanceMillis.put(ACCOUNT, 600_000L);
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-disconnect", "uas-call-held.xml", sipPort(), uasPort, 1);
            Running uac = Sipp.start("cgrates-disconnect-uac", "uac-call-held.xml", sipPort(), Sipp.freePort(), 1, 30);
            await("the session initiated on the bijson link", () -> !bij.sessions.isEmpty());
            String originId = bij.sessions.keySet().iterator().next();
            JsonNode reply = bij.disconnect(originId, "FORCED_DISCONNECT");
            assertEquals(reply.toString(), "OK", reply.get("result").asText());
            assertSucceeded(uac.await());
            assertSucceeded(uas.await());
        });
        await("the CDR of the disconnected call", () -> cgr.cdrs.size() == 1);
    }

    @Test
    public void aThirdConcurrentCallOverALimitOfTwoIsRefusedAndEachUsageIsReleasedOnce() throws Exception {
        billAs("*postpaid", "<setHeader name=\"CgratesResources\"><constant>true</constant></setHeader>");
        cgr.limits.put(ACCOUNT, 2);
        int uasPort = Sipp.freePort();
        withCallee(uasPort, () -> {
            Running uas = Sipp.startUas("cgrates-limit", "uas-call-held.xml", sipPort(), uasPort, 2);
            Running uac = Sipp.start("cgrates-limit-uac", "uac-call-held.xml", sipPort(), Sipp.freePort(), 2, 30);
            await("two answered calls holding a usage each", () -> {
                try {
                    String calls = api("GET", "/api/calls", null).body();
                    return cgr.resourceUsages.size() == 2 && calls.split("\"ANSWERED\"", -1).length - 1 == 2;
                } catch (Exception e) {
                    return false;
                }
            });
            assertSucceeded(Sipp.run("cgrates-limit", "invite-limit-403.xml", Transport.UDP, sipPort(), 1));
            for (String originId : new ArrayList<>(cgr.resourceUsages.keySet())) {
                HttpResponse<String> r = api(
                        "DELETE", "/api/calls/" + URLEncoder.encode(callIdOf(originId), StandardCharsets.UTF_8), null);
                assertEquals(r.body(), 202, r.statusCode());
            }
            assertSucceeded(uac.await());
            assertSucceeded(uas.await());
        });
        await("every usage released", () -> cgr.resourceUsages.isEmpty());
        Thread.sleep(500);
        assertEquals("released once each (the refused call held none)", 2, cgr.count("ResourceSv1.ReleaseResources"));
    }
}
