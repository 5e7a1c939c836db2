package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.registrar.LocationService;
import io.switchboard.store.SubscriberStore;
import javax.inject.Inject;
import org.apache.camel.Component;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Issue 12 ("Secure by default") on the wire, the default routes as shipped, every attacker a SIPp UAC with a foreign
 * From and no credentials. The foreign host is a SIPp UAS bound to 127.0.0.2 (loopback, but not a local domain): in
 * the refused cases it must receive nothing, and a control request that routes through the proxy (an in-dialog BYE
 * with our Route) shows that it was reachable all along.
 */
public class RelaySecurityIT extends SwitchboardTestSupport {

    private static final String FOREIGN_HOST = "127.0.0.2";

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected LocationService location;

    private void awaitCallRouting() throws InterruptedException {
        await(
                "sip.xml and calls.xml LOADED",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && fileStatus("calls.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false));
    }

    /** The foreign host: answers one BYE; started before the attack, ended by the control BYE. */
    private Running startForeignHost(String run, int port) throws Exception {
        return Sipp.start(
                run + "-foreign",
                "uas-foreign-bye.xml",
                sipPort(),
                port,
                1,
                Sipp.SIPP_TIMEOUT_SECONDS,
                "-i",
                FOREIGN_HOST);
    }

    /**
     * Sends the control BYE through the proxy to the foreign host, then asserts the foreign host got it and nothing
     * else: no request of {@code refusedMethod} reached it.
     */
    private void assertForeignHostGotOnlyTheControlBye(String run, Running foreign, int port, String refusedMethod)
            throws Exception {
        try {
            Result control = Sipp.run(
                    run + "-control",
                    "bye-through-us.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-key",
                    "foreign_port",
                    Integer.toString(port));
            assertSucceeded(control);
            Result host = foreign.await();
            assertEquals("foreign host:\n" + host.report(), 0, host.exitCode());
            assertTrue(
                    "the control BYE reached the foreign host:\n" + host.messages(),
                    host.messages().contains("BYE sip:victim@" + FOREIGN_HOST));
            assertFalse(
                    "the refused " + refusedMethod + " reached the foreign host:\n" + host.messages(),
                    host.messages().contains(refusedMethod + " sip:"));
        } finally {
            foreign.kill();
        }
    }

    /** Finding (a): a made-up To tag and no Route, to a foreign host: 404 Not here, INVITE and MESSAGE. */
    @Test
    public void inDialogRequestsThatDoNotRouteThroughUsGet404NotHere() throws Exception {
        awaitCallRouting();
        for (String[] c : new String[][] {
            {"INVITE", "attack-in-dialog-invite-404.xml"}, {"MESSAGE", "attack-in-dialog-message-404.xml"}
        }) {
            String run = "attack-in-dialog-" + c[0].toLowerCase();
            int port = Sipp.freePort();
            Running foreign = startForeignHost(run, port);
            Result attack;
            try {
                attack = Sipp.run(
                        run, c[1], Transport.UDP, sipPort(), 1, "-key", "foreign_port", Integer.toString(port));
            } catch (Exception | AssertionError e) {
                foreign.kill();
                throw e;
            }
            assertSucceeded(attack);
            assertForeignHostGotOnlyTheControlBye(run, foreign, port, c[0]);
        }
    }

    /** Finding (b): a new foreign-to-foreign INVITE with a Route to Switchboard itself: 403, not relayed. */
    @Test
    public void foreignToForeignWithARouteToUsGets403() throws Exception {
        awaitCallRouting();
        int port = Sipp.freePort();
        Running foreign = startForeignHost("attack-route-to-us", port);
        Result attack;
        try {
            attack = Sipp.run(
                    "attack-route-to-us",
                    "attack-route-to-us-403.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-key",
                    "foreign_port",
                    Integer.toString(port));
        } catch (Exception | AssertionError e) {
            foreign.kill();
            throw e;
        }
        assertSucceeded(attack);
        assertForeignHostGotOnlyTheControlBye("attack-route-to-us", foreign, port, "INVITE");
    }

    /**
     * Finding (c) and item 2: a call to a registered user with a preloaded foreign Route reaches the user's phone
     * (preloaded_route = remove), without our realm's credentials and with the other realm's; with
     * preloaded_route = refuse the same INVITE gets 403. The foreign host gets neither.
     */
    @Test
    public void preloadedForeignRouteIsRemovedOrRefusedAndCredentialsForUsAreConsumed() throws Exception {
        awaitCallRouting();
        subscribers.add("sec-callee", "127.0.0.1", "callee-pw");
        int uasPort = Sipp.freePort();
        assertSucceeded(Sipp.run(
                "sec-register-callee",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "sec-callee",
                "-au",
                "sec-callee",
                "-ap",
                "callee-pw",
                "-key",
                "contact_port",
                Integer.toString(uasPort)));
        assertEquals(1, location.lookup("sec-callee@127.0.0.1").size());

        int port = Sipp.freePort();
        Running foreign = startForeignHost("attack-preloaded", port);
        Running callee = Sipp.startUas("attack-preloaded", "uas-call.xml", sipPort(), uasPort, 1);
        try {
            Result caller = Sipp.run(
                    "attack-preloaded",
                    "uac-preloaded-route.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    "sec-callee",
                    "-key",
                    "foreign_port",
                    Integer.toString(port));
            Result phone = callee.await();
            assertSucceeded(caller);
            assertSucceeded(phone);
            String got = phone.messages();
            assertTrue(
                    "the INVITE reached the registered contact:\n" + got,
                    got.contains("INVITE sip:sec-callee@127.0.0.1:" + uasPort + " SIP/2.0"));
            assertFalse("credentials for our realm consumed:\n" + got, got.contains("realm=\"127.0.0.1\""));
            int invite = got.indexOf("INVITE sip:");
            int bye = got.indexOf("BYE sip:");
            assertTrue(
                    "another realm's credentials passed on the INVITE and the BYE:\n" + got,
                    invite >= 0
                            && bye > 0
                            && got.indexOf("realm=\"carrier.example\"", invite) > invite
                            && got.indexOf("realm=\"carrier.example\"", bye) > bye);
            assertFalse("the preloaded Route is gone:\n" + got, got.contains("Route: <sip:" + FOREIGN_HOST));

            setPreloadedRoute("refuse");
            assertSucceeded(Sipp.run(
                    "attack-preloaded-refused",
                    "attack-preloaded-route-403.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    "sec-callee",
                    "-key",
                    "foreign_port",
                    Integer.toString(port)));
        } catch (Exception | AssertionError e) {
            foreign.kill();
            throw e;
        } finally {
            callee.kill();
            setPreloadedRoute("remove");
        }
        assertForeignHostGotOnlyTheControlBye("attack-preloaded", foreign, port, "INVITE");
    }

    /**
     * Item 5: a foreign caller gets the same answer for a subscriber without a contact and for a name that is no
     * subscriber: 404 by default, 480 for both with lookup_failure_status = 480.
     */
    @Test
    public void noEnumerationUnknownAndUnregisteredUsersGetTheSameAnswer() throws Exception {
        awaitCallRouting();
        subscribers.add("sec-idle", "127.0.0.1", "pw");
        assertTrue(location.lookup("sec-idle@127.0.0.1").isEmpty());
        for (String user : new String[] {"sec-idle", "sec-nobody"}) {
            assertSucceeded(
                    Sipp.run("enum-404-" + user, "invite-unknown-404.xml", Transport.UDP, sipPort(), 1, "-s", user));
        }
        configure("io.switchboard.registrar", "lookup_failure_status", "480");
        try {
            awaitAnswer("enum-480-sec-nobody", "sec-nobody");
            assertSucceeded(Sipp.run(
                    "enum-480-sec-idle", "invite-unregistered-480.xml", Transport.UDP, sipPort(), 1, "-s", "sec-idle"));
        } finally {
            configure("io.switchboard.registrar", "lookup_failure_status", "404");
        }
        awaitSettingBack();
    }

    /** The registrar applies a setting asynchronously: the first 480 for {@code user} within the wait. */
    private void awaitAnswer(String run, String user) throws Exception {
        Result last = null;
        for (int i = 0; i < 20; i++) {
            last = Sipp.run(run, "invite-unregistered-480.xml", Transport.UDP, sipPort(), 1, "-s", user);
            if (last.succeeded()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("no 480 for " + user + " after lookup_failure_status = 480:\n" + last.report());
    }

    private void awaitSettingBack() throws Exception {
        for (int i = 0; i < 20; i++) {
            if (Sipp.run("enum-404-back", "invite-unknown-404.xml", Transport.UDP, sipPort(), 1, "-s", "sec-nobody")
                    .succeeded()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("lookup_failure_status = 404 did not apply again");
    }

    /** Sets preloaded_route of PID io.switchboard.proxy and waits until the proxy component has it. */
    private void setPreloadedRoute(String value) throws Exception {
        configure("io.switchboard.proxy", "preloaded_route", value);
        await("proxy preloaded_route = " + value, () -> {
            Component proxy = context.hasComponent("proxy");
            try {
                return proxy != null
                        && value.equals(
                                proxy.getClass().getMethod("getPreloadedRoute").invoke(proxy));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
