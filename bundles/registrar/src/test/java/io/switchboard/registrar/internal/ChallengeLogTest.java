package io.switchboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.registrar.DigestAuthenticator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChallengeLogTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final DigestAuthenticator auth =
            new DigestAuthenticator(new MemorySubscriberStore(), 30, List.of("MD5"), now::get);
    private final ChallengeLog log = new ChallengeLog(now::get);

    /** Anybody can make us challenge: beyond MAX_PENDING open challenges, new ones are not followed. */
    @Test
    void followsAtMostMaxPendingChallenges() {
        for (int i = 0; i < ChallengeLog.MAX_PENDING + 5; i++) {
            log.challenged(
                    auth.challenge("example.com", false, false),
                    "REGISTER",
                    "u" + i + "@example.com",
                    "udp:10.0.0.1:" + i,
                    auth.algorithms());
        }
        assertEquals(ChallengeLog.MAX_PENDING, log.pending());
        now.addAndGet(30_001);
        assertEquals(ChallengeLog.MAX_PENDING, log.sweep(30_000));
        assertEquals(0, log.pending());
    }

    /** Credentials carrying the nonce answer its challenge, right or wrong; other nonces stay open. */
    @Test
    void credentialsWithTheNonceAnswerTheChallenge() {
        DigestAuthenticator.Result first = auth.challenge("example.com", false, false);
        DigestAuthenticator.Result second = auth.challenge("example.com", false, true);
        log.challenged(first, "REGISTER", "alice@example.com", "udp:10.0.0.1:5060", auth.algorithms());
        log.challenged(second, "INVITE", "alice@example.com", "tcp:10.0.0.1:5060", auth.algorithms());
        String nonce = DigestAuthenticator.parse(first.challenges().get(0)).get("nonce");
        log.answered(
                List.of("Digest username=\"alice\", realm=\"example.com\", nonce=\"" + nonce + "\", response=\"x\""));
        assertEquals(1, log.pending());
        now.addAndGet(30_001);
        assertEquals(1, log.sweep(30_000));
    }
}
