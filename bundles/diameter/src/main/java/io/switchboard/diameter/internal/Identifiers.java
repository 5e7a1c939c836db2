package io.switchboard.diameter.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hop-by-Hop and End-to-End identifiers (RFC 6733 §3). Hop-by-Hop only has to be unique on a connection: a counter
 * from a random start. End-to-End must stay unique for 4 minutes even across a restart: its high 12 bits are the
 * low 12 bits of the start time in seconds, the low 20 a counter, as §3 recommends. Session-Id's middle parts
 * ({@code <host>;<high 32>;<low 32>}) come from the same start time and a counter (§8.8).
 */
final class Identifiers {

    private final AtomicInteger hopByHop = new AtomicInteger(new SecureRandom().nextInt());
    private final AtomicInteger endToEnd = new AtomicInteger();
    private final AtomicInteger session = new AtomicInteger();
    private final int startBits;
    private final long startSeconds;

    Identifiers(long startMillis) {
        this.startSeconds = startMillis / 1000;
        this.startBits = (int) (startSeconds & 0xFFF) << 20;
    }

    int nextHopByHop() {
        return hopByHop.incrementAndGet();
    }

    int nextEndToEnd() {
        return startBits | (endToEnd.getAndIncrement() & 0xFFFFF);
    }

    String nextSessionId(String originHost) {
        return originHost + ";" + (startSeconds & 0xFFFFFFFFL) + ";"
                + Integer.toUnsignedString(session.incrementAndGet());
    }
}
