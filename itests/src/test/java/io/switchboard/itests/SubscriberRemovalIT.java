package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus.State;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.subscription.SubscriptionService;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Removing a subscriber (issue 21) on the wire: itest-callee registers (SIPp, digest), has a DFKS subscription
 * (a SIPp device) and an answered call held between a SIPp UAC and UAS. The removal, over REST or the shell, ends
 * the registration (gone from registrar:list, GET /api/registrations and table registrar_contact at once; a call to
 * it then gets 404) and the subscription (the device must get NOTIFY terminated;reason=noresource, else its SIPp
 * run fails). The held call survives a plain removal (ended afterwards with DELETE /api/calls) and is ended by
 * endCalls=true with a BYE that both SIPp sides must get. A password change keeps the registration.
 */
public class SubscriberRemovalIT extends SwitchboardTestSupport {

    private static final String USER = "itest-callee";
    private static final String AOR = USER + "@127.0.0.1";
    /** A call of /api/calls (CallsJson keys in this order): Call-ID, to, state. */
    private static final Pattern CALL = Pattern.compile(
            "\\{\"callId\":\"([^\"]+)\",\"from\":\"[^\"]*\",\"to\":\"([^\"]*)\",\"state\":\"([A-Z]+)\"");

    @Inject
    @Filter(value = "(dataSourceName=switchboard)", timeout = 60_000)
    protected DataSource dataSource;

    @Before
    public void awaitPlatform() throws Exception {
        await("REST API up with registrations, calls and subscribers", () -> {
            try {
                HttpResponse<String> r = api("GET", "/api", null);
                return r.statusCode() == 200
                        && r.body().contains("\"/api/registrations\"")
                        && r.body().contains("\"/api/calls/{callId}\"")
                        && r.body().contains("\"/api/subscribers\"");
            } catch (Exception notYet) {
                return false;
            }
        });
        await(
                "sip.xml and dfks.xml LOADED, components registrar, location and dfks present",
                () -> fileStatus("sip.xml").map(s -> s.state() == State.LOADED).orElse(false)
                        && fileStatus("dfks.xml")
                                .map(s -> s.state() == State.LOADED)
                                .orElse(false)
                        && context.getComponent("registrar") != null
                        && context.getComponent("location") != null
                        && context.getComponent("dfks") != null);
    }

    @Test
    public void removalEndsRegistrationAndSubscriptionAndLeavesTheCall() throws Exception {
        removeWhileRegisteredSubscribedAndInACall("/api/subscribers/" + AOR, false);
    }

    @Test
    public void removalWithEndCallsEndsTheCallWithByeToBothSides() throws Exception {
        removeWhileRegisteredSubscribedAndInACall("/api/subscribers/" + AOR + "?endCalls=true", true);
    }

    @Test
    public void passwordChangeKeepsTheRegistrationAndTheShellRemovalEndsIt() throws Exception {
        addAndRegister("pw-1");
        HttpResponse<String> changed = api(
                "PUT",
                "/api/subscribers",
                "{\"username\":\"" + USER + "\",\"domain\":\"127.0.0.1\",\"password\":\"pw-2\"}");
        assertEquals(changed.body(), 200, changed.statusCode());
        String shellChange = executeCommand("subscriber:add " + AOR + " pw-3");
        assertTrue(shellChange, shellChange.contains("Added " + AOR));
        Thread.sleep(1500); // the location table's write-behind ran at least once since
        assertRegistered();

        String removed = executeCommand("subscriber:remove --end-calls " + AOR);
        assertTrue(removed, removed.contains("Removed " + AOR + " and ended its calls"));
        assertNotRegistered();
        String again = executeCommand("subscriber:remove " + AOR);
        assertTrue(again, again.contains("No subscriber " + AOR));
    }

    private void removeWhileRegisteredSubscribedAndInACall(String delete, boolean endCalls) throws Exception {
        addAndRegister("pw-1");
        Running device = Sipp.start(
                "removal-dfks-" + endCalls,
                "dfks-removed-noresource.xml",
                sipPort(),
                Sipp.freePort(),
                1,
                90,
                "-s",
                USER,
                "-ap",
                "pw-1");
        try {
            await("the DFKS device's subscription active", () -> {
                try {
                    return device.messages().contains("active;expires=") && subscriptions() == 1;
                } catch (Exception notYet) {
                    return false;
                }
            });
            int uasPort = Sipp.freePort();
            withCallee(uasPort, () -> {
                Running uas = Sipp.startUas("removal-calls-" + endCalls, "uas-call-held.xml", sipPort(), uasPort, 1);
                Running uac = Sipp.start(
                        "removal-calls-" + endCalls + "-uac", "uac-call-held.xml", sipPort(), Sipp.freePort(), 1, 60);
                try {
                    String callId = awaitAnsweredCall();

                    HttpResponse<String> removed = api("DELETE", delete, null);
                    assertEquals(removed.body(), 204, removed.statusCode());

                    assertNotRegistered();
                    assertSucceeded(device.await()); // it got terminated;reason=noresource and answered it
                    assertEquals(0, subscriptions());
                    if (endCalls) {
                        assertSucceeded(uac.await()); // both sides got the BYE and answered it
                        assertSucceeded(uas.await());
                        assertEquals(
                                404, api("GET", "/api/calls/" + callId, null).statusCode());
                    } else {
                        Thread.sleep(1000);
                        HttpResponse<String> call = api("GET", "/api/calls/" + callId, null);
                        assertEquals(call.body(), 200, call.statusCode());
                        assertTrue(call.body(), call.body().contains("\"state\":\"ANSWERED\""));
                        assertTrue("the caller still in the call", uac.process().isAlive());
                        assertTrue("the callee still in the call", uas.process().isAlive());
                        HttpResponse<String> end = api("DELETE", "/api/calls/" + callId, null);
                        assertEquals(end.body(), 202, end.statusCode());
                        assertSucceeded(uac.await());
                        assertSucceeded(uas.await());
                    }
                } finally {
                    uac.kill();
                    uas.kill();
                }
            });
        } finally {
            device.kill();
        }
        // calls.xml no longer routes itest-callee to the UAS: location:lookup answers for it
        assertSucceeded(Sipp.run(
                "removal-invite-" + endCalls, "invite-unknown-404.xml", Transport.UDP, sipPort(), 1, "-s", USER));
    }

    private void addAndRegister(String password) throws Exception {
        HttpResponse<String> added = api(
                "PUT",
                "/api/subscribers",
                "{\"username\":\"" + USER + "\",\"domain\":\"127.0.0.1\",\"password\":\"" + password + "\"}");
        assertTrue(added.body(), added.statusCode() == 201 || added.statusCode() == 200);
        assertSucceeded(Sipp.run(
                "removal-register",
                "register-digest.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                USER,
                "-au",
                USER,
                "-ap",
                password));
        assertRegistered();
    }

    private void assertRegistered() throws Exception {
        String list = executeCommand("registrar:list");
        assertTrue(list, list.contains(AOR));
        HttpResponse<String> mine = api("GET", "/api/registrations/" + AOR, null);
        assertEquals(mine.body(), 200, mine.statusCode());
        await("the contact row of " + AOR + " written", () -> contactRows() == 1);
    }

    /** Right after the removal returned: no waiting, the registrar dropped memory and rows before the 204. */
    private void assertNotRegistered() throws Exception {
        String list = executeCommand("registrar:list");
        assertFalse(list, list.contains(AOR));
        HttpResponse<String> all = api("GET", "/api/registrations", null);
        assertFalse(all.body(), all.body().contains(AOR));
        assertEquals(404, api("GET", "/api/registrations/" + AOR, null).statusCode());
        assertEquals(0, contactRows());
        assertEquals(404, api("GET", "/api/subscribers/" + AOR, null).statusCode());
    }

    private int contactRows() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM registrar_contact WHERE aor = ?")) {
            ps.setString(1, AOR);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int subscriptions() throws InterruptedException {
        return service(SubscriptionService.class)
                .subscriptions("as-feature-event", AOR)
                .size();
    }

    private String awaitAnsweredCall() throws InterruptedException {
        String[] callId = new String[1];
        await("an answered call to " + AOR + " in GET /api/calls", () -> {
            try {
                Matcher m = CALL.matcher(api("GET", "/api/calls", null).body());
                while (m.find()) {
                    if (m.group(2).contains(USER + "@") && m.group(3).equals("ANSWERED")) {
                        callId[0] = m.group(1);
                        return true;
                    }
                }
            } catch (Exception notYet) {
                return false;
            }
            return false;
        });
        return callId[0];
    }
}
