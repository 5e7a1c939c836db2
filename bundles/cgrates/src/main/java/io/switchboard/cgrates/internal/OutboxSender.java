package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox, one thread, rows in the order they were written. A reply (or CGRateS's {@code EXISTS} for a
 * row it already has: a send whose mark was lost to a crash) marks a row delivered; any other error or no answer
 * keeps it pending with a back-off that doubles from {@code retryMin} to {@code retryMax}. The rows of one call are
 * sent in order (a prepaid call's TerminateSession before its CDR): a call whose earlier row failed waits. When no
 * engine answers, the round stops (every other row would fail the same way).
 */
final class OutboxSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 200;
    /** How often the backlog gauge's figures are counted (by this thread, so that a scrape reads no table). */
    static final long BACKLOG_EVERY_MILLIS = 5_000;

    private final Outbox outbox;
    private final CgratesClient client;
    private final long retryMin;
    private final long retryMax;
    private final int maxAttempts;
    private final long leaseMillis;
    private final long keepMillis;
    private final LongSupplier clock;
    private final CdrEvents events;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private long backoffUntil;

    OutboxSender(
            Outbox outbox,
            CgratesClient client,
            long retryMinMillis,
            long retryMaxMillis,
            int maxAttempts,
            long leaseMillis,
            long keepMillis,
            LongSupplier clock,
            CdrEvents events) {
        this.outbox = outbox;
        this.client = client;
        this.retryMin = retryMinMillis;
        this.retryMax = Math.max(retryMinMillis, retryMaxMillis);
        this.maxAttempts = maxAttempts;
        this.leaseMillis = leaseMillis;
        this.keepMillis = keepMillis;
        this.clock = clock;
        this.events = events;
    }

    /** New rows were written: send soon instead of at the next poll. */
    void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    void stop() {
        running = false;
        wakeUp();
    }

    @Override
    public void run() {
        long lastPurge = 0;
        long lastBacklog = 0;
        while (running) {
            int sent = 0;
            try {
                if (clock.getAsLong() >= backoffUntil) {
                    sent = round();
                }
                long now = clock.getAsLong();
                if (now - lastPurge > 60_000) {
                    outbox.purge(now - keepMillis);
                    lastPurge = now;
                }
                if (now - lastBacklog >= BACKLOG_EVERY_MILLIS) {
                    countBacklog();
                    lastBacklog = now;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("CGRateS outbox round failed", e);
            }
            if (sent == 0) {
                synchronized (wake) {
                    try {
                        wake.wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * One pass over the due rows.
     *
     * @return rows delivered
     */
    int round() throws SQLException {
        long now = clock.getAsLong();
        List<Outbox.Row> rows = outbox.due(now, BATCH);
        Set<String> blocked = new HashSet<>();
        int delivered = 0;
        for (Outbox.Row r : rows) {
            if (!running || blocked.contains(r.originId()) || !outbox.claim(r, now, leaseMillis)) {
                blocked.add(r.originId());
                continue;
            }
            int attempts = r.attempts() + 1;
            if (attempts > 1) {
                CgratesMeters.sink().outbox("retried");
            }
            try {
                ObjectNode args = (ObjectNode) JsonRpc.MAPPER.readTree(r.body());
                client.call(r.method(), args);
                outbox.delivered(r.id(), attempts, null, clock.getAsLong());
                CgratesMeters.sink().outbox("delivered");
                events.settled(r, CdrEvents.DELIVERED, attempts);
                delivered++;
            } catch (CgratesException e) {
                if (e.duplicate()) {
                    outbox.delivered(r.id(), attempts, e.getMessage(), clock.getAsLong());
                    CgratesMeters.sink().outbox("delivered");
                    events.settled(r, CdrEvents.DUPLICATE, attempts);
                    delivered++;
                    continue;
                }
                blocked.add(r.originId());
                long wait = backoff(attempts);
                boolean giveUp = !e.unreachable() && maxAttempts > 0 && attempts >= maxAttempts;
                outbox.failed(r.id(), attempts, e.getMessage(), clock.getAsLong() + wait, giveUp);
                CgratesMeters.sink().outbox("failed");
                if (giveUp) {
                    events.settled(r, CdrEvents.FAILED, attempts);
                }
                if (e.unreachable()) {
                    backoffUntil = clock.getAsLong() + wait;
                    LOG.warn("CGRateS unreachable, outbox waits {} ms: {}", wait, e.getMessage());
                    break;
                }
                LOG.warn("CGRateS refused {} of {}: {}", r.method(), r.originId(), e.getMessage());
            } catch (IOException e) {
                outbox.failed(r.id(), attempts, "unreadable row: " + e.getMessage(), Long.MAX_VALUE, true);
                CgratesMeters.sink().outbox("failed");
                events.settled(r, CdrEvents.FAILED, attempts);
            }
        }
        return delivered;
    }

    /** The backlog for the gauge, counted on this thread every 5 s: a scrape reads two numbers, no table. */
    void countBacklog() throws SQLException {
        int[] b = outbox.backlog();
        CgratesMeters.sink().backlog(b[0], b[1]);
    }

    long backoff(int attempts) {
        long w = retryMin;
        for (int i = 1; i < attempts && w < retryMax; i++) {
            w *= 2;
        }
        return Math.min(w, retryMax);
    }
}
