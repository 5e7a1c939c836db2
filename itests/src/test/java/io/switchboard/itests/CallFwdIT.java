package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.store.SubscriberStore;
import java.net.http.HttpResponse;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Call features on the wire through the default routes (routes/calls.xml, bundles/callfwd), one Karaf for all: a
 * foreign SIPp caller calls users whose DFKS features are set over REST or DfksService, SIPp callees registered
 * through the registrar answer, ring or are busy. Do-Not-Disturb answers 486 with no device rung and is recorded
 * with end reason dnd; CFA goes to a local user with History-Info; CFB forwards after a busy 486; CFNA CANCELs the
 * ringing branch after ringCount rings (ring_interval made short here); a forward loop gets 482; an external
 * forward target is refused at set time.
 */
public class CallFwdIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.callfwd";
    private static final String D = "127.0.0.1";

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected DfksService dfks;

    @Inject
    @Filter(timeout = 60_000)
    protected DialogService dialogs;

    @Before
    public void awaitCallRouting() throws Exception {
        await(
                "sip.xml, calls.xml and dfks.xml LOADED, callfwd present (" + routeFiles.status() + ")",
                () -> loaded("sip.xml")
                        && loaded("calls.xml")
                        && loaded("dfks.xml")
                        && context.hasComponent("callfwd") != null);
    }

    private boolean loaded(String file) {
        return fileStatus(file)
                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                .orElse(false);
    }

    /** A subscriber with one contact registered at a fresh local port, which is returned. */
    private int registered(String user) throws Exception {
        subscribers.add(user, D, "pw-" + user);
        int port = Sipp.freePort();
        assertSucceeded(Sipp.run(
                "register-" + user,
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                user,
                "-au",
                user,
                "-ap",
                "pw-" + user,
                "-key",
                "contact_port",
                Integer.toString(port)));
        return port;
    }

    private Result call(String scenario, String user) throws Exception {
        return Sipp.run("call-" + user, scenario, Transport.UDP, sipPort(), 1, "-s", user);
    }

    @Test
    public void dndSetOverRestAnswers486WithNoDeviceRungAndItsOffTakesEffectOnTheNextCall() throws Exception {
        int port = registered("dnd-bob");
        assertEquals(
                200,
                api("PUT", "/api/features/dnd-bob@" + D + "/DoNotDisturb", "{\"status\": true}")
                        .statusCode());
        Running bob = Sipp.startUas("dnd-bob", "uas-call.xml", sipPort(), port, 1);
        try {
            Result refused = call("uac-callfwd-refused.xml", "dnd-bob");
            assertSucceeded(refused);
            assertTrue(refused.messages(), refused.messages().contains("SIP/2.0 486 Busy"));
            assertFalse(
                    "no device of bob rang:\n" + bob.messages(), bob.messages().contains("INVITE"));
            await(
                    "the call in the dialog history with end reason dnd",
                    () -> dialogs.recentlyEnded().stream()
                            .anyMatch(d ->
                                    "dnd".equals(d.endReason()) && d.toUri().contains("dnd-bob@")));

            assertEquals(
                    200,
                    api("PUT", "/api/features/dnd-bob@" + D + "/DoNotDisturb", "{\"status\": false}")
                            .statusCode());
            Result answered = call("uac-callfwd.xml", "dnd-bob");
            assertSucceeded(answered);
            assertSucceeded(bob.await());
        } finally {
            bob.kill();
        }
    }

    @Test
    public void cfaGoesToALocalUserAtOnceWithHistoryInfo() throws Exception {
        int bobPort = registered("cfa-bob");
        int carolPort = registered("cfa-carol");
        dfks.set("cfa-bob", D, Feature.CallForwardingAlways, true, "sip:cfa-carol@" + D, null, "api", null);
        Running bob = Sipp.startUas("cfa-bob", "uas-call.xml", sipPort(), bobPort, 1);
        Running carol = Sipp.startUas("cfa-carol", "uas-call.xml", sipPort(), carolPort, 1);
        try {
            assertSucceeded(call("uac-callfwd.xml", "cfa-bob"));
            Result c = carol.await();
            assertSucceeded(c);
            String m = c.messages();
            assertTrue(m, m.contains("INVITE sip:cfa-carol@127.0.0.1:" + carolPort + " SIP/2.0"));
            assertTrue(m, m.contains("<sip:cfa-bob@127.0.0.1:" + sipPort() + ">;index=1"));
            assertTrue(m, m.contains("<sip:cfa-carol@127.0.0.1;cause=302>;index=1.1;mp=1"));
            assertFalse("Diversion is off by default:\n" + m, m.contains("Diversion:"));
            assertFalse("bob was not rung:\n" + bob.messages(), bob.messages().contains("INVITE"));
        } finally {
            bob.kill();
            carol.kill();
        }
    }

    @Test
    public void cfbForwardsAfterABusy486() throws Exception {
        int bobPort = registered("cfb-bob");
        int carolPort = registered("cfb-carol");
        dfks.set("cfb-bob", D, Feature.CallForwardingBusy, true, "sip:cfb-carol@" + D, null, "api", null);
        Running bob = Sipp.startUas("cfb-bob", "uas-busy.xml", sipPort(), bobPort, 1);
        Running carol = Sipp.startUas("cfb-carol", "uas-call.xml", sipPort(), carolPort, 1);
        try {
            Result caller = call("uac-callfwd.xml", "cfb-bob");
            assertSucceeded(caller);
            assertFalse(
                    "the 486 stayed here:\n" + caller.messages(),
                    caller.messages().contains("486 Busy"));
            assertSucceeded(bob.await());
            Result c = carol.await();
            assertSucceeded(c);
            assertTrue(c.messages(), c.messages().contains("<sip:cfb-carol@127.0.0.1;cause=486>;index=1.1;mp=1"));
        } finally {
            bob.kill();
            carol.kill();
        }
    }

    @Test
    public void cfnaCancelsTheRingingBranchAfterRingCountRingsThenForwards() throws Exception {
        configure(PID, "ring_interval", "0.5");
        int bobPort = registered("cfna-bob");
        int carolPort = registered("cfna-carol");
        dfks.set("cfna-bob", D, Feature.CallForwardingNoAnswer, true, "sip:cfna-carol@" + D, 2, "api", null);
        Running bob = Sipp.startUas("cfna-bob", "uas-cancel.xml", sipPort(), bobPort, 1);
        Running carol = Sipp.startUas("cfna-carol", "uas-call.xml", sipPort(), carolPort, 1);
        try {
            long start = System.nanoTime();
            assertSucceeded(call("uac-callfwd.xml", "cfna-bob"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue("2 rings of 0.5 s, not of 6 s: " + millis + " ms", millis < 6_000);
            Result b = bob.await();
            assertSucceeded(b);
            assertTrue(
                    "bob's ringing branch was CANCELled:\n" + b.messages(),
                    b.messages().contains("CANCEL sip:"));
            Result c = carol.await();
            assertSucceeded(c);
            assertTrue(c.messages(), c.messages().contains("<sip:cfna-carol@127.0.0.1;cause=408>;index=1.1;mp=1"));
        } finally {
            bob.kill();
            carol.kill();
            configure(PID, "ring_interval", "6");
        }
    }

    @Test
    public void aForwardLoopIsAnswered482() throws Exception {
        subscribers.add("loop-bob", D, "pw");
        subscribers.add("loop-carol", D, "pw");
        dfks.set("loop-bob", D, Feature.CallForwardingAlways, true, "loop-carol", null, "api", null);
        dfks.set("loop-carol", D, Feature.CallForwardingAlways, true, "sip:loop-bob@" + D, null, "api", null);
        Result r = call("uac-callfwd-refused.xml", "loop-bob");
        assertSucceeded(r);
        assertTrue(r.messages(), r.messages().contains("SIP/2.0 482 Loop Detected (call forwarding: forward loop"));
        await(
                "the call in the dialog history with end reason loop",
                () -> dialogs.recentlyEnded().stream()
                        .map(DialogInfo::endReason)
                        .anyMatch("loop"::equals));
    }

    @Test
    public void anExternalForwardTargetIsRefusedAtSetTimeUnlessAllowed() throws Exception {
        subscribers.add("ext-bob", D, "pw");
        String premium = "sip:+1900555@premium.example.net";
        HttpResponse<String> rest = api(
                "PUT",
                "/api/features/ext-bob@" + D + "/CallForwardingAlways",
                "{\"status\": true, \"forwardTo\": \"" + premium + "\"}");
        assertEquals(rest.body(), 403, rest.statusCode());
        assertTrue(rest.body(), rest.body().contains("outside our domains and not in the allow-list"));
        try {
            dfks.set("ext-bob", D, Feature.CallForwardingAlways, true, premium, null, "api", null);
            throw new AssertionError("an external target was stored");
        } catch (DfksException e) {
            assertEquals(403, e.status());
        }
        assertEquals(
                FeatureState.off(Feature.CallForwardingAlways),
                dfks.get("ext-bob", D).get(1));

        configure(PID, "external_allow", "sip:\\+1900[0-9]+@premium\\.example\\.net");
        try {
            await("the allow-list applied", () -> {
                try {
                    return dfks.set("ext-bob", D, Feature.CallForwardingAlways, true, premium, null, "api", null)
                            .status();
                } catch (DfksException notYet) {
                    return false;
                }
            });
            assertEquals(premium, dfks.get("ext-bob", D).get(1).forwardTo());
        } finally {
            configure(PID, "external_allow", "");
            dfks.set("ext-bob", D, Feature.CallForwardingAlways, false, null, null, "api", null);
        }
    }
}
