package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.registrar.LocationService;
import io.switchboard.store.SubscriberStore;
import javax.inject.Inject;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Calls routed by the default routes (routes/calls.xml) on the wire, with no test-specific route: two
 * registered SIPp users call each other through registrar:authenticate, location:lookup and proxy:relay; a call
 * to an unknown user gets 404, and so does one from a foreign caller to a subscriber without a contact (no
 * enumeration, README "Security").
 */
public class CallsIT extends SwitchboardTestSupport {

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected LocationService location;

    private void awaitCallRouting() throws InterruptedException {
        await(
                "sip.xml and calls.xml LOADED (" + routeFiles.status() + ")",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && fileStatus("calls.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false));
    }

    @Test
    public void twoRegisteredUsersCallEachOtherThroughLocationAndTheProxy() throws Exception {
        awaitCallRouting();
        subscribers.add("reg-callee", "127.0.0.1", "callee-pw");
        subscribers.add("reg-caller", "127.0.0.1", "caller-pw");
        int uasPort = Sipp.freePort();
        assertSucceeded(Sipp.run(
                "register-callee",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "reg-callee",
                "-au",
                "reg-callee",
                "-ap",
                "callee-pw",
                "-key",
                "contact_port",
                Integer.toString(uasPort)));
        assertSucceeded(Sipp.run(
                "register-caller",
                "register-digest.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "reg-caller",
                "-au",
                "reg-caller",
                "-ap",
                "caller-pw"));
        assertEquals(1, location.lookup("reg-callee@127.0.0.1").size());
        assertEquals(1, location.lookup("reg-caller@127.0.0.1").size());

        Running uas = Sipp.startUas("registered-call", "uas-call.xml", sipPort(), uasPort, 1);
        try {
            Result caller = Sipp.run(
                    "registered-call",
                    "uac-registered-call.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    "reg-caller",
                    "-au",
                    "reg-caller",
                    "-ap",
                    "caller-pw",
                    "-key",
                    "callee",
                    "reg-callee");
            Result callee = uas.await();
            assertSucceeded(caller);
            assertSucceeded(callee);
            assertTrue(
                    "the callee got the INVITE at its registered contact:\n" + callee.messages(),
                    callee.messages().contains("INVITE sip:reg-callee@127.0.0.1:" + uasPort + " SIP/2.0"));
            assertTrue(
                    "the caller answered the 407 with credentials:\n" + caller.messages(),
                    caller.messages().contains("Proxy-Authorization: Digest username=\"reg-caller\""));
            assertFalse(
                    "the caller's credentials for our realm were consumed, not passed to the callee:\n"
                            + callee.messages(),
                    callee.messages().contains("Proxy-Authorization"));
        } finally {
            uas.kill();
        }
    }

    @Test
    public void callToAnUnknownUserGets404OverUdpAndTcp() throws Exception {
        awaitCallRouting();
        assertSucceeded(Sipp.run("invite-unknown", "invite-unknown-404.xml", Transport.UDP, sipPort(), 2));
        assertSucceeded(Sipp.run("invite-unknown", "invite-unknown-404.xml", Transport.TCP, sipPort(), 2));
    }

    /** No enumeration: a foreign caller gets the same 404 for a subscriber without a contact as for no user. */
    @Test
    public void callToASubscriberWithoutContactGets404LikeAnUnknownUser() throws Exception {
        awaitCallRouting();
        subscribers.add("unregistered", "127.0.0.1", "pw");
        assertTrue(location.lookup("unregistered@127.0.0.1").isEmpty());
        assertSucceeded(Sipp.run(
                "invite-unregistered", "invite-unknown-404.xml", Transport.UDP, sipPort(), 1, "-s", "unregistered"));
    }
}
