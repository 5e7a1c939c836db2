package io.switchboard.sip.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Random tags and branch ids (RFC 3261 19.3: at least 32 bits of randomness). */
final class Tags {

    private Tags() {}

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0x7fffffffffffffffL);
    }

    static String newBranch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0x7fffffffffffffffL);
    }
}
