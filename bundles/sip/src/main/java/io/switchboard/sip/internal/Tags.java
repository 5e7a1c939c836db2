package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Via;
import java.util.concurrent.ThreadLocalRandom;

/** Random tags and branch ids (RFC 3261 19.3: at least 32 bits of randomness), and the branch's magic cookie. */
final class Tags {

    /** RFC 3261 8.1.1.7, lower case: how the stack keys a transaction whose branch has it. */
    static final String MAGIC_COOKIE = "z9hg4bk";

    private Tags() {}

    /** True when the top Via's branch starts with the magic cookie (any case); false for RFC 2543 peers. */
    static boolean rfc3261(Via via) {
        String branch = via == null ? null : via.getBranch();
        return branch != null && branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length());
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0x7fffffffffffffffL);
    }

    static String newBranch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0x7fffffffffffffffL);
    }
}
