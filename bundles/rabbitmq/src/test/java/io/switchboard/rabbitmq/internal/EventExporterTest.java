package io.switchboard.rabbitmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Event;
import io.switchboard.rabbitmq.ExportStatistics;
import io.switchboard.rabbitmq.internal.metrics.RabbitMqMeterBindingAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter against a broker double: order, the bound, back-off, a lost batch sent again. */
class EventExporterTest {

    /** A broker that can be down (connect fails), lose the connection once, and records what it got. */
    static final class FakeBroker implements Broker {
        volatile boolean down;
        volatile int publishFailures;
        final List<Message> got = new ArrayList<>();
        final List<Long> connectAttempts = new ArrayList<>();

        @Override
        public synchronized void connect() throws IOException {
            connectAttempts.add(System.nanoTime());
            if (down) {
                throw new IOException("Connection refused");
            }
        }

        @Override
        public synchronized void publish(List<Message> batch) throws IOException {
            if (publishFailures > 0) {
                publishFailures--;
                throw new IOException("connection reset");
            }
            got.addAll(batch);
        }

        @Override
        public boolean isOpen() {
            return !down;
        }

        @Override
        public void disconnect() {}

        synchronized List<Long> sequences() {
            return got.stream().map(Message::sequence).toList();
        }

        synchronized int attempts() {
            return connectAttempts.size();
        }
    }

    private final FakeBroker broker = new FakeBroker();
    private EventExporter exporter;

    private EventExporter start(int capacity, long min, long max) {
        exporter = new EventExporter(broker, RoutingKey.parse("{type}.{key}"), capacity, min, max);
        exporter.start();
        return exporter;
    }

    @AfterEach
    void stop() throws InterruptedException {
        exporter.close();
    }

    private static Event dialog(long seq) {
        return new Event("DIALOG", Map.of("call_id", "c" + (seq % 10), "state", "s" + seq), seq, seq);
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void eventsReachTheBrokerInPublishingOrderWithTheirRoutingKeys() throws Exception {
        start(10_000, 10, 100);
        for (long i = 1; i <= 1000; i++) {
            exporter.onEvent(dialog(i));
        }
        await(() -> exporter.statistics().published() == 1000);
        assertEquals(range(1, 1000), broker.sequences());
        assertEquals("DIALOG.c7", broker.got.get(6).routingKey());
        assertEquals("DIALOG", broker.got.get(6).type());
        ExportStatistics s = exporter.statistics();
        assertEquals(1000, s.received());
        assertEquals(0, s.dropped());
        assertEquals(0, s.buffered());
        assertEquals(1, s.connects());
        assertTrue(s.connected());
    }

    @Test
    void withTheBrokerDownTheBufferHoldsItsBoundAndDropsTheRestThenSendsInOrder() throws Exception {
        broker.down = true;
        start(5, 10, 20);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AutoCloseable meters = RabbitMqMeterBindingAccess.bind(registry, exporter::statistics);
        for (long i = 1; i <= 20; i++) {
            exporter.onEvent(dialog(i)); // returns at once: the broker is never waited for here
        }
        await(() -> broker.attempts() >= 3);
        ExportStatistics s = exporter.statistics();
        assertEquals(20, s.received());
        assertEquals(15, s.dropped());
        assertEquals(5, s.buffered());
        assertEquals(0, s.published());
        assertTrue(s.failures() >= 3, s.toString());
        assertTrue(!s.connected() && s.lastError().contains("Connection refused"), s.toString());
        assertEquals(20, events(registry, "received"));
        assertEquals(15, events(registry, "dropped"));
        assertEquals(5, registry.get("switchboard.rabbitmq.buffered").gauge().value());
        assertEquals(0, registry.get("switchboard.rabbitmq.connected").gauge().value());
        assertTrue(registry.get("switchboard.rabbitmq.connection.failures")
                        .functionCounter()
                        .count()
                >= 3);

        broker.down = false;
        await(() -> exporter.statistics().published() == 5);
        assertEquals(range(1, 5), broker.sequences());
        assertEquals(0, exporter.statistics().buffered());
        exporter.onEvent(dialog(21));
        await(() -> exporter.statistics().published() == 6);
        assertEquals(21L, broker.sequences().get(5));
        assertEquals(6, events(registry, "published"));
        assertEquals(1, registry.get("switchboard.rabbitmq.connected").gauge().value());
        assertEquals(
                1,
                registry.get("switchboard.rabbitmq.connects").functionCounter().count());
        meters.close();
        assertNull(registry.find("switchboard.rabbitmq.events").functionCounter());
    }

    private static double events(SimpleMeterRegistry registry, String outcome) {
        return registry.get("switchboard.rabbitmq.events")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    @Test
    void reconnectionsBackOffDoublingUpToTheMaximum() throws Exception {
        broker.down = true;
        start(10, 40, 160);
        exporter.onEvent(dialog(1));
        await(() -> broker.attempts() >= 6);
        List<Long> t;
        synchronized (broker) {
            t = List.copyOf(broker.connectAttempts);
        }
        long[] expected = {40, 80, 160, 160, 160};
        for (int i = 0; i < expected.length; i++) {
            long gapMs = (t.get(i + 1) - t.get(i)) / 1_000_000;
            assertTrue(
                    gapMs >= expected[i] && gapMs < expected[i] + 1000,
                    "attempt " + (i + 2) + " came " + gapMs + " ms after the previous, expected " + expected[i]);
        }
    }

    @Test
    void aBatchLostWithTheConnectionIsSentAgainFirst() throws Exception {
        broker.publishFailures = 1;
        start(100, 10, 20);
        for (long i = 1; i <= 3; i++) {
            exporter.onEvent(dialog(i));
        }
        await(() -> exporter.statistics().published() == 3);
        exporter.onEvent(dialog(4));
        await(() -> exporter.statistics().published() == 4);
        assertEquals(range(1, 4), broker.sequences());
        assertEquals(2, exporter.statistics().connects());
        assertEquals(1, exporter.statistics().failures());
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
