package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.rabbitmq.internal.RabbitMqNode;
import io.switchboard.registrar.LocationService;
import io.switchboard.store.SubscriberStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.AfterClass;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * Events to RabbitMQ on the wire (bundles/rabbitmq, issue 19 item 5): a real RabbitMQ node of Debian's
 * rabbitmq-server started by the test ({@link RabbitMqNode}, once for the class, stopped in {@link #stopBroker()}),
 * the feature switchboard-rabbitmq installed and pointed at it, a consumer of the official client bound to
 * {@code #}. Two SIPp users register and call each other through the default routes; the consumer receives their
 * REGISTER events and the DIALOG events of the call, as JSON, with their routing keys, in publishing order. Then the
 * broker is stopped: SIPp registrations and a call still complete, and the export's drop counter rises
 * ({@code GET /api/rabbitmq/stats}).
 */
public class RabbitMqIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.rabbitmq";
    private static final String FEATURE = "switchboard-rabbitmq";

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected LocationService location;

    @Inject
    @Filter(timeout = 60_000)
    protected FeaturesService features;

    private static RabbitMqNode node;

    @AfterClass
    public static void stopBroker() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    public void sippCallEventsReachAConsumerInOrderAndABrokerThatIsDownNeverBlocksSip() throws Exception {
        await(
                "sip.xml and calls.xml LOADED, REST API up",
                () -> loaded("sip.xml") && loaded("calls.xml") && statusOf("/api") == 200);
        node = new RabbitMqNode(
                Path.of(System.getProperty(SwitchboardConfiguration.EXAM_DIR)).resolveSibling("rabbitmq"));
        node.start();
        configure(PID, "uri", node.uri());
        configure(PID, "buffer_size", "1000");
        configure(PID, "reconnect_min_ms", "100");
        configure(PID, "reconnect_max_ms", "1000");
        features.installFeature(FEATURE);
        int uasPort = Sipp.freePort();
        try {
            await("the export connected (GET /api/rabbitmq/stats)", () -> stats().contains("\"connected\":true"));
            try (RabbitMqConsumer consumer = new RabbitMqConsumer(node.uri(), "switchboard.events", "#")) {
                subscribers.add("rmq-callee", "127.0.0.1", "callee-pw");
                subscribers.add("rmq-caller", "127.0.0.1", "caller-pw");
                call("rmq-caller", "caller-pw", "rmq-callee", "callee-pw", "rmq", uasPort);
                List<RabbitMqConsumer.Message> got = receiveUntilTheCallEnded(consumer, "sip:rmq-caller@");
                assertCallEvents(got);
            }

            node.stop();
            await("the export saw the broker go", () -> stats().contains("\"connected\":false"));
            long droppedBefore = number(stats(), "dropped");
            configure(PID, "buffer_size", "1"); // restarts the export, which cannot connect: one event kept
            await("the export restarted without a broker", () -> {
                String s = stats();
                return s.contains("\"connected\":false") && number(s, "received") == 0;
            });
            call("rmq-caller", "caller-pw", "rmq-callee", "callee-pw", "rmq-down", uasPort); // the same contact
            await("events dropped while the broker is down", () -> number(stats(), "dropped") > 0);
            String s = stats();
            assertTrue(s, number(s, "received") >= 6 && number(s, "buffered") == 1 && number(s, "published") == 0);
            assertTrue(s, droppedBefore == 0 && number(s, "failures") >= 1);
        } finally {
            features.uninstallFeature(FEATURE);
        }
    }

    /** Registers both users (the callee's contact a SIPp UAS on uasPort) and calls through the default routes. */
    private void call(String caller, String callerPw, String callee, String calleePw, String run, int uasPort)
            throws Exception {
        assertSucceeded(Sipp.run(
                run + "-register-callee",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                callee,
                "-au",
                callee,
                "-ap",
                calleePw,
                "-key",
                "contact_port",
                Integer.toString(uasPort)));
        assertSucceeded(Sipp.run(
                run + "-register-caller",
                "register-digest.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                caller,
                "-au",
                caller,
                "-ap",
                callerPw));
        assertEquals(1, location.lookup(callee + "@127.0.0.1").size());
        Running uas = Sipp.startUas(run + "-call", "uas-call.xml", sipPort(), uasPort, 1);
        try {
            Result c = Sipp.run(
                    run + "-call",
                    "uac-registered-call.xml",
                    Transport.UDP,
                    sipPort(),
                    1,
                    "-s",
                    caller,
                    "-au",
                    caller,
                    "-ap",
                    callerPw,
                    "-key",
                    "callee",
                    callee);
            assertSucceeded(c);
            assertSucceeded(uas.await());
        } finally {
            uas.kill();
        }
    }

    private static List<RabbitMqConsumer.Message> receiveUntilTheCallEnded(RabbitMqConsumer consumer, String from)
            throws InterruptedException {
        List<RabbitMqConsumer.Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RabbitMqConsumer.Message m = consumer.next(200);
            if (m == null) {
                continue;
            }
            got.add(m);
            if (m.body().contains("\"from\":\"" + from) && m.body().contains("\"state\":\"ended\"")) {
                return got;
            }
        }
        fail("no DIALOG ended event of " + from + " within " + WAIT.toSeconds() + " s; got " + got);
        return got;
    }

    private static void assertCallEvents(List<RabbitMqConsumer.Message> got) {
        String report = String.join("\n", got.stream().map(Object::toString).toList());
        long last = 0;
        for (RabbitMqConsumer.Message m : got) {
            long seq = number(m.body(), "sequence");
            assertTrue("sequences rise (publishing order):\n" + report, seq > last);
            last = seq;
        }
        List<String> registers = new ArrayList<>();
        String callId = null;
        List<String> states = new ArrayList<>();
        for (RabbitMqConsumer.Message m : got) {
            if (m.body().startsWith("{\"type\":\"REGISTER\"") && m.body().contains("\"aor\":\"rmq-")) {
                String aor = text(m.body(), "aor");
                assertEquals(report, "REGISTER." + aor, m.routingKey());
                assertTrue(report, m.body().contains("\"change\":\"registered\""));
                registers.add(aor);
            } else if (m.body().startsWith("{\"type\":\"DIALOG\"") && m.body().contains("sip:rmq-caller@")) {
                callId = callId == null ? text(m.body(), "call_id") : callId;
                assertEquals(report, callId, text(m.body(), "call_id"));
                assertEquals(report, "DIALOG." + callId, m.routingKey());
                states.add(text(m.body(), "state"));
            }
        }
        assertEquals(report, List.of("rmq-callee@127.0.0.1", "rmq-caller@127.0.0.1"), registers);
        assertEquals(report, List.of("created", "ringing", "answered", "ended"), states);
    }

    private boolean loaded(String file) {
        return fileStatus(file)
                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                .orElse(false);
    }

    private static int statusOf(String path) {
        try {
            return api("GET", path, null).statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static String stats() {
        try {
            return api("GET", "/api/rabbitmq/stats", null).body();
        } catch (Exception notYet) {
            return "";
        }
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
