package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.events.EventBus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.store.SubscriberStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * The event bus on the wire: an INVITE for a user with no registration is answered 100 and suspended in
 * {@code events:wait} until that user's REGISTER event, then relayed to the contact just registered; without a
 * REGISTER the wait times out into a 480; many such INVITEs wait at once without a thread each. The test writes its
 * wait route into routes/ and sends the INVITEs of users {@code itest-ev*} to it from calls.xml (restored after).
 */
public class EventsIT extends SwitchboardTestSupport {

    private static final String ROUTE_FILE = "itest-events.xml";
    private static final String CALLS_XML = "calls.xml";
    private static final String CALL_ROUTE = "<from uri=\"direct:call\"/>";
    /** The wait of the test route (ms): long enough for a REGISTER sent a second later, short for the 480 cases. */
    private static final int WAIT_MILLIS = 6000;
    /** Config Admin PID of the push settings (etc/io.switchboard.push.cfg). */
    private static final String PUSH_PID = "io.switchboard.push";

    private static final String WAIT_ROUTES = """
            <routes xmlns="http://camel.apache.org/schema/xml-io">
              <route id="itest-events-wait">
                <from uri="direct:itest-events-wait"/>
                <!-- the Request-URI carries no port in these tests: sip:user@host is the AoR behind 'sip:' -->
                <setHeader name="Callee"><simple>${header.SipRequestUri.substring(4)}</simple></setHeader>
                <to uri="sip:reply?code=100"/>
                <to uri="events:wait?type=REGISTER&amp;filter=aor=${header.Callee}&amp;timeout=%d"/>
                <choice>
                  <when><simple>${header.EventTimeout}</simple>
                    <setHeader name="SipStatus"><constant>480</constant></setHeader></when>
                  <otherwise>
                    <to uri="location:lookup"/><to uri="proxy:relay"/></otherwise>
                </choice>
              </route>
            </routes>
            """.formatted(WAIT_MILLIS);

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected EventBus bus;

    /** Runs {@code body} with the wait route loaded and the INVITEs of users itest-ev* handed to it. */
    private void withWaitRoute(Body body) throws Exception {
        awaitPlatform();
        int waitingBefore = waiting();
        Path routeFile = routesFolder().resolve(ROUTE_FILE);
        Path callsXml = routesFolder().resolve(CALLS_XML);
        String original = Files.readString(callsXml, StandardCharsets.UTF_8);
        assertTrue("routes/calls.xml has no " + CALL_ROUTE + ": update this test", original.contains(CALL_ROUTE));
        String modified = original.replace(
                CALL_ROUTE,
                CALL_ROUTE
                        + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-ev'</simple>"
                        + "<to uri=\"direct:itest-events-wait\"/><stop/></when></choice>\n");
        try {
            // each test's files differ from the last ones (a comment): a file written with unchanged content is not
            // loaded again and its status keeps its old time, which replaceRouteFile would wait for in vain
            String run = "\n<!-- EventsIT " + System.nanoTime() + " -->\n";
            replaceRouteFile(routeFile, WAIT_ROUTES + run);
            replaceRouteFile(callsXml, modified + run);
            body.run();
        } finally {
            // a wait left by a failed SIPp run ends at its time-out; the files change once none is left
            await("the test's waits ended", () -> waiting() <= waitingBefore);
            replaceRouteFile(callsXml, original);
            Files.deleteIfExists(routeFile);
        }
    }

    /**
     * RFC 8599 through the default routes (calls.xml, push.xml): bob's phone registered a push-capable contact and
     * sleeps; a call for bob makes the platform POST one push to the gateway (a local HTTP server of the test) and
     * wait; the phone is not called until it registers again (the test makes it register once the push came); then
     * it gets the call. Push is switched on for the test (push_url) and off again after.
     */
    @Test
    public void aPushWakesTheCalleeWhoRegistersAndGetsTheCall() throws Exception {
        if (subscribers.find("itest-pushbob", "127.0.0.1").isEmpty()) {
            subscribers.add("itest-pushbob", "127.0.0.1", "pw");
        }
        awaitPlatform();
        int phonePort = Sipp.freePort();
        String[] register = {
            "-s",
            "itest-pushbob",
            "-au",
            "itest-pushbob",
            "-ap",
            "pw",
            "-key",
            "contact_port",
            Integer.toString(phonePort),
            "-key",
            "prid",
            "itest-device-1"
        };
        assertSucceeded(Sipp.run("push-register", "register-push.xml", Transport.UDP, sipPort(), 1, register));
        try (PushGateway gateway = new PushGateway()) {
            configure(PUSH_PID, "push_url", gateway.url());
            await("push on (events:stats)", () -> stats().contains("push=on"));
            Running phone = Sipp.startUas("push-phone", "uas-call.xml", sipPort(), phonePort, 1);
            Running caller = null;
            try {
                caller = Sipp.start(
                        "push-caller",
                        "events-wait-call.xml",
                        sipPort(),
                        Sipp.freePort(),
                        1,
                        30,
                        "-s",
                        "itest-pushbob");
                String push = gateway.pushes.poll(10, TimeUnit.SECONDS);
                assertTrue("the gateway got a push; " + stats(), push != null);
                assertTrue(
                        push,
                        push.contains("\"prid\":\"itest-device-1\"")
                                && push.contains("\"provider\":\"apns\"")
                                && push.contains("\"aor\":\"itest-pushbob@127.0.0.1\""));
                Thread.sleep(500);
                assertTrue(
                        "the sleeping phone is not called before it registers:\n" + phone.messages(),
                        !phone.messages().contains("INVITE sip:"));
                assertSucceeded(
                        Sipp.run("push-register-woken", "register-push.xml", Transport.UDP, sipPort(), 1, register));
                Result call = caller.await();
                Result callee = phone.await();
                assertEquals("caller:\n" + call.report(), 0, call.exitCode());
                assertEquals("woken phone:\n" + callee.report(), 0, callee.exitCode());
                assertTrue("one push only", gateway.pushes.isEmpty());
                assertTrue(stats(), stats().contains("pushFailed=0"));
            } finally {
                phone.kill();
                if (caller != null) {
                    caller.kill();
                }
                configure(PUSH_PID, "push_url", "");
                await("push off (events:stats)", () -> stats().contains("push=off"));
            }
        }
    }

    /**
     * The showcase: a desk phone and a sleeping push phone of one user ring in parallel. The desk phone rings
     * at once (before the push phone registers); the woken phone's REGISTER (its pn-prid) adds it as a branch of the
     * call; it answers first and wins, and the desk phone, still ringing, gets CANCEL (uas-cancel.xml: 200, 487).
     */
    @Test
    public void aDeskPhoneRingsAtOnceAndTheWokenPhoneJoinsTheCallAndWins() throws Exception {
        String user = "itest-pushdesk";
        int deskPort = Sipp.freePort();
        int phonePort = Sipp.freePort();
        registerDeskAndPushPhone(user, deskPort, phonePort, "itest-device-desk");
        try (PushGateway gateway = pushOn()) {
            Running desk = Sipp.startUas("push-desk", "uas-cancel.xml", sipPort(), deskPort, 1);
            Running phone = Sipp.startUas("push-desk-phone", "uas-call.xml", sipPort(), phonePort, 1);
            Running caller = null;
            try {
                caller = Sipp.start(
                        "push-desk-caller", "uac-push-fork.xml", sipPort(), Sipp.freePort(), 1, 30, "-s", user);
                String push = gateway.pushes.poll(10, TimeUnit.SECONDS);
                assertTrue("the gateway got a push; " + stats(), push != null && push.contains("itest-device-desk"));
                await("the desk phone rings at once, before the pushed phone registered", () -> {
                    try {
                        return desk.messages().contains("INVITE sip:");
                    } catch (IOException e) {
                        return false;
                    }
                });
                assertTrue(
                        "the sleeping phone is not called:\n" + phone.messages(),
                        !phone.messages().contains("INVITE sip:"));
                assertSucceeded(Sipp.run(
                        "push-desk-woken",
                        "register-push.xml",
                        Transport.UDP,
                        sipPort(),
                        1,
                        pushRegister(user, phonePort, "itest-device-desk")));
                Result call = caller.await();
                Result woken = phone.await();
                Result cancelled = desk.await();
                assertEquals("caller:\n" + call.report(), 0, call.exitCode());
                assertEquals("woken phone:\n" + woken.report(), 0, woken.exitCode());
                assertEquals("desk phone (CANCEL expected):\n" + cancelled.report(), 0, cancelled.exitCode());
            } finally {
                desk.kill();
                phone.kill();
                if (caller != null) {
                    caller.kill();
                }
            }
        }
    }

    /**
     * The desk phone is busy (486 at once) while the pushed phone wakes: the relay is held for the push wait, so the
     * 486 does not end the call; the woken phone registers and gets it (events-wait-call.xml: 100, 180, 200).
     */
    @Test
    public void aBusyDeskPhoneLeavesTheCallToTheWokenPhone() throws Exception {
        String user = "itest-pushbusy";
        int deskPort = Sipp.freePort();
        int phonePort = Sipp.freePort();
        registerDeskAndPushPhone(user, deskPort, phonePort, "itest-device-busy");
        try (PushGateway gateway = pushOn()) {
            Running desk = Sipp.startUas("push-busy-desk", "uas-busy.xml", sipPort(), deskPort, 1);
            Running phone = Sipp.startUas("push-busy-phone", "uas-call.xml", sipPort(), phonePort, 1);
            Running caller = null;
            try {
                caller = Sipp.start(
                        "push-busy-caller", "events-wait-call.xml", sipPort(), Sipp.freePort(), 1, 30, "-s", user);
                assertTrue("the gateway got a push; " + stats(), gateway.pushes.poll(10, TimeUnit.SECONDS) != null);
                Result busy = desk.await();
                assertEquals("desk phone (486):\n" + busy.report(), 0, busy.exitCode());
                Thread.sleep(300);
                assertTrue(
                        "the desk phone's 486 is not the caller's answer while the push device may wake:\n"
                                + caller.messages(),
                        !caller.messages().contains("SIP/2.0 486"));
                assertSucceeded(Sipp.run(
                        "push-busy-woken",
                        "register-push.xml",
                        Transport.UDP,
                        sipPort(),
                        1,
                        pushRegister(user, phonePort, "itest-device-busy")));
                Result call = caller.await();
                Result woken = phone.await();
                assertEquals("caller:\n" + call.report(), 0, call.exitCode());
                assertEquals("woken phone:\n" + woken.report(), 0, woken.exitCode());
            } finally {
                desk.kill();
                phone.kill();
                if (caller != null) {
                    caller.kill();
                }
            }
        }
    }

    /** The pushed phone never registers and the user has no other contact: 480 when the push wait ends. */
    @Test
    public void aPushedPhoneThatNeverWakesGives480AtTheEndOfTheWait() throws Exception {
        String user = "itest-pushlate";
        if (subscribers.find(user, "127.0.0.1").isEmpty()) {
            subscribers.add(user, "127.0.0.1", "pw");
        }
        awaitPlatform();
        assertSucceeded(Sipp.run(
                "push-late-register",
                "register-push.xml",
                Transport.UDP,
                sipPort(),
                1,
                pushRegister(user, Sipp.freePort(), "itest-device-late")));
        configure(PUSH_PID, "wait_seconds", "3");
        try (PushGateway gateway = pushOn()) {
            long started = System.nanoTime();
            Result r = Sipp.run("push-late", "uac-push-480.xml", Transport.UDP, sipPort(), 1, "-s", user);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertSucceeded(r);
            assertTrue("one push went out", gateway.pushes.poll(1, TimeUnit.SECONDS) != null);
            assertTrue("the 480 came at the end of the 3 s wait, after " + tookMillis + " ms", tookMillis >= 2900);
        } finally {
            configure(PUSH_PID, "wait_seconds", "30");
        }
    }

    /** Registers a desk phone (plain contact) and a push-capable phone ({@code prid}) for {@code user}. */
    private void registerDeskAndPushPhone(String user, int deskPort, int phonePort, String prid) throws Exception {
        if (subscribers.find(user, "127.0.0.1").isEmpty()) {
            subscribers.add(user, "127.0.0.1", "pw");
        }
        awaitPlatform();
        assertSucceeded(Sipp.run(
                user + "-desk-register",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                user,
                "-au",
                user,
                "-ap",
                "pw",
                "-key",
                "contact_port",
                Integer.toString(deskPort)));
        assertSucceeded(Sipp.run(
                user + "-push-register",
                "register-push.xml",
                Transport.UDP,
                sipPort(),
                1,
                pushRegister(user, phonePort, prid)));
    }

    /** The SIPp arguments of register-push.xml for {@code user}'s phone on {@code port} with {@code prid}. */
    private static String[] pushRegister(String user, int port, String prid) {
        return new String[] {
            "-s", user, "-au", user, "-ap", "pw", "-key", "contact_port", Integer.toString(port), "-key", "prid", prid
        };
    }

    /** A push gateway with push switched on towards it; closing it switches push off again. */
    private PushGateway pushOn() throws Exception {
        PushGateway gateway = new PushGateway(() -> {
            configure(PUSH_PID, "push_url", "");
            await("push off (events:stats)", () -> stats().contains("push=off"));
        });
        // fileinstall may write the cfg file's older content back over an update made through Config Admin
        // (the CgratesIT race): the update is made again when it did not hold
        for (int attempt = 1; attempt <= 3; attempt++) {
            configure(PUSH_PID, "push_url", gateway.url());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
            while (System.nanoTime() < deadline) {
                if (stats().contains("push=on")) {
                    return gateway;
                }
                Thread.sleep(50);
            }
        }
        gateway.close();
        fail("push did not come on (events:stats) after 3 settings updates: " + stats());
        return gateway;
    }

    private String stats() {
        try {
            return executeCommand("events:stats");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The push gateway of the test: a one-request-per-connection HTTP server that keeps each POST body. */
    private static final class PushGateway implements AutoCloseable {

        final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
        private final ServerSocket socket;
        private final Thread thread;
        private final Closing onClose;

        /** What a test does when its gateway goes (push switched off). */
        interface Closing {
            void run() throws Exception;
        }

        PushGateway() throws IOException {
            this(() -> {});
        }

        PushGateway(Closing onClose) throws IOException {
            this.onClose = onClose;
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "itest-push-gateway");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/push";
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int length = 0;
                    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    pushes.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                    s.getOutputStream()
                            .write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed at the end of the test, or a client gone: the next accept decides
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            onClose.run();
        }
    }

    /** The default routes serve calls: every component they and the test route name is there. */
    private void awaitPlatform() throws InterruptedException {
        await(
                "calls.xml, sip.xml and push.xml LOADED with their components (" + routeFiles.status() + ")",
                () -> Stream.of("sip.xml", "calls.xml", "push.xml")
                                .allMatch(f -> fileStatus(f)
                                        .map(st -> st.state() == RouteFileStatus.State.LOADED)
                                        .orElse(false))
                        && Stream.of("registrar", "location", "proxy", "events", "push")
                                .allMatch(c -> context.getComponent(c) != null));
    }

    private int waiting() {
        return bus.statistics().waiting();
    }

    @Test
    public void inviteWaitsForTheCalleesRegisterThenReachesIt() throws Exception {
        if (subscribers.find("itest-evbob", "127.0.0.1").isEmpty()) {
            subscribers.add("itest-evbob", "127.0.0.1", "pw");
        }
        withWaitRoute(() -> {
            int bobPort = Sipp.freePort();
            Running bob = Sipp.startUas("events-bob", "uas-call.xml", sipPort(), bobPort, 1);
            Running caller = null;
            try {
                int waitingBefore = waiting();
                caller = Sipp.start(
                        "events-caller",
                        "events-wait-call.xml",
                        sipPort(),
                        Sipp.freePort(),
                        1,
                        30,
                        "-s",
                        "itest-evbob");
                await("the INVITE waiting in events:wait", () -> waiting() == waitingBefore + 1);
                assertTrue(
                        "the INVITE is held open, not answered: " + caller.messages(),
                        !caller.messages().contains("SIP/2.0 480"));
                assertSucceeded(Sipp.run(
                        "events-bob-register",
                        "register-contact.xml",
                        Transport.UDP,
                        sipPort(),
                        1,
                        "-s",
                        "itest-evbob",
                        "-au",
                        "itest-evbob",
                        "-ap",
                        "pw",
                        "-key",
                        "contact_port",
                        Integer.toString(bobPort)));
                Result call = caller.await();
                Result callee = bob.await();
                assertEquals("caller:\n" + call.report(), 0, call.exitCode());
                assertEquals("callee (bob):\n" + callee.report(), 0, callee.exitCode());
                assertEquals("no wait left behind", waitingBefore, waiting());
            } finally {
                bob.kill();
                if (caller != null) {
                    caller.kill();
                }
            }
        });
    }

    @Test
    public void inviteForAUserWhoNeverRegistersGets480AtTheTimeOut() throws Exception {
        withWaitRoute(() -> {
            long before = bus.statistics().timedOut();
            long started = System.nanoTime();
            Result r =
                    Sipp.run("events-480", "events-wait-480.xml", Transport.UDP, sipPort(), 1, "-s", "itest-evnobody");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertSucceeded(r);
            assertTrue("the 480 came at the wait's time-out, after " + tookMillis + " ms", tookMillis >= WAIT_MILLIS);
            assertEquals(before + 1, bus.statistics().timedOut());
        });
    }

    /**
     * 200 INVITEs (SIPp at 100 calls/s, one user each) wait at once; the Karaf JVM's live thread count (this test
     * runs inside it) stays within 50 of what it was before: a waiting route holds no thread. Every call then ends
     * 480 at its time-out.
     */
    @Test
    public void twoHundredWaitingInvitesHoldNoThreadEach() throws Exception {
        int calls = 200;
        withWaitRoute(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int waitingBefore = waiting();
            int threadsBefore = threads.getThreadCount();
            Running uac = Sipp.start(
                    "events-many",
                    "events-wait-480.xml",
                    sipPort(),
                    Sipp.freePort(),
                    calls,
                    40,
                    "-s",
                    "itest-evmany",
                    "-r",
                    "100",
                    "-l",
                    Integer.toString(calls));
            try {
                int[] peak = {threadsBefore};
                int[] most = {0};
                await(calls + " INVITEs waiting at once", () -> {
                    peak[0] = Math.max(peak[0], threads.getThreadCount());
                    most[0] = Math.max(most[0], waiting() - waitingBefore);
                    return most[0] >= calls;
                });
                peak[0] = Math.max(peak[0], threads.getThreadCount());
                System.out.println("EventsIT: " + most[0] + " INVITEs waiting; threads " + threadsBefore + " before, "
                        + peak[0] + " at most");
                assertTrue(
                        "threads before: " + threadsBefore + ", at most while " + calls + " INVITEs waited: " + peak[0],
                        peak[0] < threadsBefore + 50);
                Result r = uac.await();
                assertSucceeded(r);
                await("every wait ended", () -> waiting() == waitingBefore);
            } finally {
                uac.kill();
            }
        });
    }
}
