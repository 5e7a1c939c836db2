package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.store.SubscriberStore;
import java.io.IOException;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Call pickup on the wire through the default routes (routes/calls.xml, bundles/pickup): a foreign SIPp caller calls
 * a registered user whose phone (SIPp UAS) rings; a colleague of its pickup group dials {@code *8<ext>} (directed) or
 * {@code *8} (group) from another SIPp, authenticated; the colleague's own SIPp UAS (the Contact of its {@code *8}
 * INVITE) gets the call with the auto-answer hint and answers; the caller is connected to it within its INVITE
 * transaction, the callee's ringing phone gets CANCEL, the {@code *8} INVITE gets 487. Refusals: 403 outside the
 * group, 404 and 480 with nothing ringing.
 */
public class PickupIT extends SwitchboardTestSupport {

    private static final String D = "127.0.0.1";

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Before
    public void awaitCallRouting() throws Exception {
        await(
                "sip.xml and calls.xml LOADED, pickup present (" + routeFiles.status() + ")",
                () -> loaded("sip.xml") && loaded("calls.xml") && context.hasComponent("pickup") != null);
    }

    private boolean loaded(String file) {
        return fileStatus(file)
                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                .orElse(false);
    }

    private void subscriber(String user) {
        if (subscribers.find(user, D).isEmpty()) {
            subscribers.add(user, D, "pw-" + user);
        }
    }

    /** A subscriber with one contact registered at a fresh local port, which is returned. */
    private int registered(String user) throws Exception {
        subscriber(user);
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

    /** {@code picker} dials {@code code}; the picked call would go to {@code contactPort}. */
    private Result dial(String picker, String code, int contactPort) throws Exception {
        return Sipp.run(
                "pickup-" + picker,
                "uac-pickup.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                picker,
                "-au",
                picker,
                "-ap",
                "pw-" + picker,
                "-key",
                "dial",
                code,
                "-key",
                "contact_port",
                Integer.toString(contactPort));
    }

    @Test
    public void directedPickupConnectsTheCallerToTheColleagueAndCancelsTheRingingPhone() throws Exception {
        pickedUp("itest-pkbob", "itest-pkcarol", "*8itest-pkbob", "directed");
    }

    @Test
    public void groupPickupTakesTheCallRingingInThePickersGroup() throws Exception {
        pickedUp("itest-pkdan", "itest-pkfay", "*8", "group");
    }

    private void pickedUp(String callee, String picker, String code, String kind) throws Exception {
        int calleePort = registered(callee);
        subscriber(picker);
        assertEquals(
                201,
                api("PUT", "/api/pickup/groups/itest-" + kind + "/members/" + callee + "@" + D, null)
                        .statusCode());
        assertTrue(executeCommand("pickup:add itest-" + kind + " " + picker + "@" + D)
                .contains("Added"));
        assertTrue(executeCommand("pickup:groups").contains("itest-" + kind + ": "));
        int pickerPort = Sipp.freePort();
        Running phone = Sipp.startUas(callee, "uas-cancel.xml", sipPort(), calleePort, 1);
        Running pickerPhone = Sipp.startUas(picker, "uas-pickup-answer.xml", sipPort(), pickerPort, 1);
        Running caller = null;
        try {
            caller = Sipp.start(
                    "pickup-caller-" + kind, "uac-pickup-caller.xml", sipPort(), Sipp.freePort(), 1, 40, "-s", callee);
            await("the callee's phone rings", () -> contains(phone, "SIP/2.0 180"));
            Result picked = dial(picker, code, pickerPort);
            assertSucceeded(picked);
            assertTrue(picked.messages(), picked.messages().contains("SIP/2.0 487 Picked Up"));
            Result call = caller.await();
            assertEquals("caller (200 from the picker):\n" + call.report(), 0, call.exitCode());
            Result answered = pickerPhone.await();
            assertEquals("picker's phone (auto-answer hint):\n" + answered.report(), 0, answered.exitCode());
            Result cancelled = phone.await();
            assertEquals("callee's phone (CANCEL):\n" + cancelled.report(), 0, cancelled.exitCode());
        } finally {
            phone.kill();
            pickerPhone.kill();
            if (caller != null) {
                caller.kill();
            }
        }
    }

    private static boolean contains(Running r, String text) {
        try {
            return r.messages().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    public void refusals403OutsideTheGroup404And480WithNothingRinging() throws Exception {
        subscriber("itest-pkgus");
        subscriber("itest-pkhal");
        subscriber("itest-pkout");
        assertTrue(executeCommand("pickup:add itest-refusals itest-pkgus@" + D).contains("Added"));
        assertTrue(executeCommand("pickup:add itest-refusals itest-pkhal@" + D).contains("Added"));
        int unused = Sipp.freePort();
        Result outsider = dial("itest-pkout", "*8itest-pkgus", unused);
        assertSucceeded(outsider);
        assertTrue(outsider.messages(), outsider.messages().contains("SIP/2.0 403 Not In The Pickup Group"));
        Result directed = dial("itest-pkhal", "*8itest-pkgus", unused);
        assertSucceeded(directed);
        assertTrue(directed.messages(), directed.messages().contains("SIP/2.0 404 Nothing Ringing"));
        Result group = dial("itest-pkhal", "*8", unused);
        assertSucceeded(group);
        assertTrue(group.messages(), group.messages().contains("SIP/2.0 480 Nothing Ringing"));
        assertEquals(
                204,
                api("DELETE", "/api/pickup/groups/itest-refusals/members/itest-pkhal@" + D, null)
                        .statusCode());
        assertTrue(
                executeCommand("pickup:remove itest-refusals itest-pkhal@" + D).contains("Error 404"));
    }
}
