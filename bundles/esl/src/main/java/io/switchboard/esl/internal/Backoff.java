package io.switchboard.esl.internal;

import java.time.Duration;

/**
 * Delays between reconnection attempts: doubled after each failure up to the maximum, back to the minimum once a
 * connection is authenticated. A server that refuses our password or closes at once is thus retried ever more
 * slowly, never in a tight loop.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The delay to wait now; the one after is twice as long (at most the maximum). */
    synchronized Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    synchronized void reset() {
        next = min;
    }
}
