package io.switchboard.rabbitmq.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventHandler;
import io.switchboard.rabbitmq.ExportStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from the bus and sends them to the broker on one thread of its own. The bus's delivery thread only
 * appends to a buffer ({@link #onEvent}, never blocks): at most {@code buffer_size} events are held, the batch being
 * sent included, and an event beyond that is dropped and counted, so a broker that is away or slow costs memory up
 * to the bound and nothing else. One sender thread sends in the order the bus delivered, which is publishing order:
 * the events of one call reach the exchange in order, also across a reconnection (the unconfirmed batch is sent
 * again first). Connects at start and stays connected, so the counters show a broker that is away before any event
 * is lost to it. Reconnects with a back-off from {@code reconnect_min_ms}, doubled per failure up to
 * {@code reconnect_max_ms}, and reset by a connection that works.
 */
final class EventExporter implements EventHandler, AutoCloseable {

    /** Events sent per confirmation round trip at most. */
    static final int BATCH = 100;

    /** While idle, how often the connection is looked at (the client's heartbeat finds a silent broker). */
    static final long IDLE_CHECK_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(EventExporter.class);

    private final Broker broker;
    private final RoutingKey routingKey;
    private final int capacity;
    private final long backoffMin;
    private final long backoffMax;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    /** Events held: in the queue plus the batch being sent; never above {@link #capacity}. */
    private final AtomicInteger held = new AtomicInteger();

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean connected;
    private volatile String lastError = "";
    private volatile boolean closed;
    private final Thread sender;

    EventExporter(Broker broker, RoutingKey routingKey, int capacity, long backoffMin, long backoffMax) {
        this.broker = broker;
        this.routingKey = routingKey;
        this.capacity = capacity;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.sender = new Thread(this::run, "switchboard-rabbitmq");
        sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    /** Buffers the event, or drops and counts it when {@code buffer_size} events are held already. */
    @Override
    public void onEvent(Event event) {
        received.incrementAndGet();
        if (closed || held.incrementAndGet() > capacity) {
            held.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(event);
    }

    ExportStatistics statistics() {
        return new ExportStatistics(
                received.get(),
                published.get(),
                dropped.get(),
                held.get(),
                connects.get(),
                failures.get(),
                connected,
                lastError);
    }

    private void run() {
        List<Event> batch = new ArrayList<>(BATCH);
        long backoff = backoffMin;
        while (!closed) {
            try {
                if (!connected) {
                    broker.connect();
                    connected = true;
                    connects.incrementAndGet();
                    backoff = backoffMin;
                    LOG.info("Events to RabbitMQ: connected ({} events waiting)", held.get());
                }
                if (batch.isEmpty()) {
                    Event first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (!broker.isOpen()) {
                            throw new IOException("connection closed by the broker");
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                broker.publish(messages(batch));
                published.addAndGet(batch.size());
                held.addAndGet(-batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                lastError = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                if (connected) {
                    LOG.warn("Events to RabbitMQ: connection lost ({}); reconnecting, events buffered", lastError);
                } else if (backoff == backoffMin) {
                    LOG.warn("Events to RabbitMQ: cannot connect ({}); retrying, events buffered", lastError);
                } else {
                    LOG.debug("Events to RabbitMQ: cannot connect ({}); next attempt in {} ms", lastError, backoff);
                }
                connected = false;
                broker.disconnect();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    break;
                }
                backoff = Math.min(backoff * 2, backoffMax);
            }
        }
        connected = false;
        broker.disconnect();
    }

    private List<Broker.Message> messages(List<Event> batch) {
        List<Broker.Message> out = new ArrayList<>(batch.size());
        for (Event e : batch) {
            out.add(new Broker.Message(routingKey.of(e), e.type(), e.sequence(), e.timestamp(), EventJson.bytes(e)));
        }
        return out;
    }

    /** Stops the sender; the events still held are not sent (logged). */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        sender.interrupt();
        sender.join(10_000);
        if (held.get() > 0) {
            LOG.warn("Events to RabbitMQ: stopped with {} events not sent", held.get());
        }
    }
}
