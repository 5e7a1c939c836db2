package io.switchboard.rabbitmq.internal;

import static io.switchboard.rabbitmq.internal.EventExporterTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.switchboard.events.Event;
import io.switchboard.events.internal.DefaultEventBus;
import io.switchboard.events.internal.EventsConfig;
import io.switchboard.rabbitmq.ExportStatistics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The export service on the real event bus against a real RabbitMQ (Debian's rabbitmq-server, one throwaway node
 * for the class, {@link RabbitMqNode}) and a consumer of the official client: JSON bodies, routing keys, AMQP
 * properties, order per call, type and filter, and a broker that goes away: the bus never waits, the buffer keeps
 * its bound and drops the rest, and the export reconnects and sends what it kept, in order.
 */
class RabbitMqExportTest {

    private static RabbitMqNode node;

    private ExecutorService delivery;
    private DefaultEventBus bus;
    private RabbitMqExportService service;
    private Connection consumer;

    @BeforeAll
    static void startBroker() throws Exception {
        node = new RabbitMqNode(Path.of(System.getProperty("rabbitmq.test.dir", "target/rabbitmq")));
        node.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        node.stop();
    }

    @BeforeEach
    void startBus() {
        delivery = Executors.newFixedThreadPool(2);
        bus = new DefaultEventBus(EventsConfig.DEFAULTS, delivery, System::currentTimeMillis);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (service != null) {
            service.deactivate();
        }
        bus.shutdown();
        delivery.shutdownNow();
        if (consumer != null && consumer.isOpen()) {
            consumer.abort();
        }
    }

    private void startExport(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put("uri", node.uri());
        service = new RabbitMqExportService();
        service.bus = bus;
        service.activate(p);
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(node.uri());
        return f.newConnection("test-consumer");
    }

    /** A fresh queue bound to the exchange with {@code binding}. */
    private BlockingQueue<Delivery> consume(String queue, String binding) throws Exception {
        return consume(queue, binding, true);
    }

    /** A queue bound with {@code binding}; durable, so that it keeps its messages over a restart of the node. */
    private BlockingQueue<Delivery> consume(String queue, String binding, boolean purge) throws Exception {
        consumer = connect();
        Channel ch = consumer.createChannel();
        ch.exchangeDeclare("switchboard.events", "topic", true);
        ch.queueDeclare(queue, true, false, false, null);
        if (purge) {
            ch.queuePurge(queue);
        }
        ch.queueBind(queue, "switchboard.events", binding);
        BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        ch.basicConsume(queue, true, (tag, d) -> got.add(d), tag -> {});
        return got;
    }

    private static List<Delivery> take(BlockingQueue<Delivery> q, int n) throws InterruptedException {
        List<Delivery> out = new ArrayList<>();
        while (out.size() < n) {
            Delivery d = q.poll(10, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("only " + out.size() + " of " + n + " messages came: " + bodies(out));
            }
            out.add(d);
        }
        return out;
    }

    private static List<String> bodies(List<Delivery> ds) {
        return ds.stream()
                .map(d -> new String(d.getBody(), StandardCharsets.UTF_8))
                .toList();
    }

    private static Map<String, String> dialog(String callId, String state) {
        return Map.of("call_id", callId, "from", "sip:alice@h", "to", "sip:bob@h", "state", state);
    }

    @Test
    void registrationAndDialogEventsArriveAsJsonInOrderPerCall() throws Exception {
        BlockingQueue<Delivery> got = consume("test-all", "#");
        startExport(Map.of());
        List<Event> sent = new ArrayList<>();
        sent.add(bus.publish("REGISTER", Map.of("aor", "alice@h", "change", "registered", "expires", 3600)));
        for (String state : List.of("created", "ringing", "answered", "ended")) {
            sent.add(bus.publish("DIALOG", dialog("call-1", state)));
            sent.add(bus.publish("DIALOG", dialog("call-2", state)));
        }
        List<Delivery> ds = take(got, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Event e = sent.get(i);
            Delivery d = ds.get(i);
            assertEquals(EventJson.text(e), new String(d.getBody(), StandardCharsets.UTF_8));
            assertEquals(
                    e.type() + "." + RoutingKey.keyAttribute(e), d.getEnvelope().getRoutingKey());
            assertEquals("application/json", d.getProperties().getContentType());
            assertEquals(e.type(), d.getProperties().getType());
            assertEquals(Long.toString(e.sequence()), d.getProperties().getMessageId());
            assertEquals(2, d.getProperties().getDeliveryMode());
        }
        assertEquals("REGISTER.alice@h", ds.get(0).getEnvelope().getRoutingKey());
        assertTrue(bodies(ds).get(0).contains("\"aor\":\"alice@h\",\"change\":\"registered\",\"expires\":\"3600\""));
        await(() -> service.statistics().published() == sent.size());
        ExportStatistics s = service.statistics();
        assertEquals(sent.size(), s.received());
        assertEquals(0, s.dropped());
        assertTrue(s.connected());
    }

    @Test
    void typeFilterAndRoutingKeyPatternChooseWhatGoesOutAndWhere() throws Exception {
        BlockingQueue<Delivery> got = consume("test-ended", "sb.ended.*");
        startExport(
                Map.of("type", "DIALOG", "filter", "state=ended,from^=sip:alice@", "routing_key", "sb.{state}.{key}"));
        bus.publish("REGISTER", Map.of("aor", "alice@h", "change", "registered"));
        bus.publish("DIALOG", dialog("call-3", "answered"));
        bus.publish("DIALOG", Map.of("call_id", "call-4", "from", "sip:carol@h", "state", "ended"));
        bus.publish("DIALOG", dialog("call-3", "ended"));
        Delivery d = take(got, 1).get(0);
        assertEquals("sb.ended.call-3", d.getEnvelope().getRoutingKey());
        assertTrue(new String(d.getBody(), StandardCharsets.UTF_8).contains("\"call_id\":\"call-3\""));
        assertNull(got.poll(500, TimeUnit.MILLISECONDS));
        assertEquals(1, service.statistics().received());
    }

    @Test
    void aBrokerThatIsDownNeverBlocksTheBusDropsBeyondTheBufferAndGetsTheRestAfterItsReturn() throws Exception {
        consume("test-outage", "DIALOG.outage-call").clear();
        consumer.close();
        startExport(Map.of("buffer_size", 3, "reconnect_min_ms", 50, "reconnect_max_ms", 200));
        await(() -> service.statistics().connected());
        node.stop();
        await(() -> !service.statistics().connected());
        long t0 = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            bus.publish("DIALOG", Map.of("call_id", "outage-call", "n", i));
        }
        long publishMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(publishMillis < 1000, "publishing 10 events took " + publishMillis + " ms with the broker down");
        await(() -> service.statistics().received() == 10);
        ExportStatistics down = service.statistics();
        assertEquals(7, down.dropped(), down.toString());
        assertEquals(3, down.buffered(), down.toString());
        assertTrue(down.failures() >= 1, down.toString());

        node.start();
        await(() -> service.statistics().published() == 3);
        ExportStatistics up = service.statistics();
        assertTrue(up.connected() && up.connects() == 2, up.toString());
        BlockingQueue<Delivery> got = consume("test-outage", "DIALOG.outage-call", false);
        List<String> bodies = bodies(take(got, 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(bodies.get(i).contains("\"n\":\"" + (i + 1) + "\""), bodies.toString());
        }
    }
}
