package io.switchboard.pike.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.pike.Ban;
import io.switchboard.sip.SipSourceGuard.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PikeTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private Pike pike(Map<String, ?> settings) {
        return new Pike(PikeConfig.from(settings), now::get);
    }

    @Test
    void aFloodBansItsSourceAndNoOtherWhileTheBanLasts() {
        Pike p = pike(Map.of("reqs_density_per_unit", "5", "sampling_time_unit", "2", "ban_time", "10"));
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ACCEPT, p.admit("192.0.2.1", "udp"));
            assertEquals(Verdict.ACCEPT, p.admit("192.0.2.2", "udp"));
        }
        assertEquals(Verdict.DROP, p.admit("192.0.2.1", "udp"), "the sixth request in 2 s");
        assertEquals(Verdict.DROP, p.admit("192.0.2.1", "tcp"));
        assertEquals(Verdict.ACCEPT, p.admit("192.0.2.3", "udp"), "other sources go on");
        List<Ban> bans = p.bans();
        assertEquals(1, bans.size());
        assertEquals("192.0.2.1", bans.get(0).address());
        assertEquals(Ban.FLOOD, bans.get(0).cause());
        assertEquals(1, bans.get(0).refused());

        now.addAndGet(2_000); // a new window for the others, the ban stays
        assertEquals(Verdict.ACCEPT, p.admit("192.0.2.2", "udp"));
        assertEquals(Verdict.DROP, p.admit("192.0.2.1", "udp"));
        now.addAndGet(8_000);
        p.sweep();
        assertEquals(List.of(), p.bans());
        assertEquals(Verdict.ACCEPT, p.admit("192.0.2.1", "udp"), "served again after ban_time");
    }

    @Test
    void aSteadyRateBelowTheDensityIsNeverLimited() {
        Pike p = pike(Map.of("reqs_density_per_unit", "5", "sampling_time_unit", "1"));
        for (int i = 0; i < 100; i++) {
            assertEquals(Verdict.ACCEPT, p.admit("192.0.2.9", "udp"), "request " + i);
            now.addAndGet(250); // 4 per second
        }
    }

    @Test
    void exemptSourcesAreNeverLimitedNorBanned() {
        Pike p = pike(Map.of("reqs_density_per_unit", "1", "auth_fail_threshold", "1"));
        for (int i = 0; i < 50; i++) {
            assertEquals(Verdict.ACCEPT, p.admit("127.0.0.1", "udp"));
            assertEquals(Verdict.ACCEPT, p.admit("0:0:0:0:0:0:0:1", "tcp"));
        }
        p.authenticationFailed("127.0.0.1", "alice@example.com", 403);
        assertEquals(List.of(), p.bans());
        assertEquals(Map.of(), p.failuresBySource());
    }

    @Test
    void failedAuthenticationsPastTheThresholdBanTheSourceWith403WhenSoSet() {
        Pike p = pike(Map.of("auth_fail_threshold", "3", "auth_fail_window", "60", "ban_action", "403"));
        p.authenticationFailed("192.0.2.7", "alice@example.com", 403);
        p.authenticationFailed("192.0.2.7", "alice@example.com", 403);
        assertEquals(Verdict.ACCEPT, p.admit("192.0.2.7", "udp"));
        assertEquals(Map.of("192.0.2.7", 2), p.failuresBySource());
        assertEquals(Map.of("alice@example.com", 2), p.failuresByUser());
        p.authenticationFailed("192.0.2.7", "bob@example.com", 403);
        assertEquals(Verdict.FORBID, p.admit("192.0.2.7", "udp"));
        assertEquals(Ban.AUTH_FAILURES, p.bans().get(0).cause());
        assertTrue(
                p.bans().get(0).detail().contains("3 failed authentications"),
                p.bans().get(0).detail());

        assertTrue(p.unban("192.0.2.7"));
        assertFalse(p.unban("192.0.2.7"));
        assertEquals(Verdict.ACCEPT, p.admit("192.0.2.7", "udp"));
        assertEquals(Map.of(), p.failuresBySource(), "an unbanned source starts from nothing");
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        Pike p = pike(Map.of("auth_fail_threshold", "3", "auth_fail_window", "10"));
        for (int i = 0; i < 10; i++) {
            p.authenticationFailed("192.0.2.8", "alice@example.com", 403);
            now.addAndGet(6_000);
        }
        assertEquals(List.of(), p.bans());
    }

    @Test
    void aUserGuessedFromManySourcesGetsEachFailingSourceBanned() {
        Pike p = pike(Map.of("auth_fail_threshold", "100", "auth_fail_user_threshold", "4"));
        for (int i = 1; i <= 3; i++) {
            p.authenticationFailed("198.51.100." + i, "alice@example.com", 403);
        }
        assertEquals(List.of(), p.bans());
        p.authenticationFailed("198.51.100.4", "alice@example.com", 403);
        p.authenticationFailed("198.51.100.5", "alice@example.com", 403);
        p.authenticationFailed("198.51.100.6", "bob@example.com", 403);
        assertEquals(
                List.of("198.51.100.4", "198.51.100.5"),
                p.bans().stream().map(Ban::address).sorted().toList());
        assertEquals(6, p.failuresBySource().size());
        assertEquals(Map.of("alice@example.com", 5, "bob@example.com", 1), p.failuresByUser());
        assertEquals(2, p.clearBans());
        assertEquals(2, p.clearFailures(), "lifting the bans forgot the sources' counts; the users' were left");
        assertEquals(Map.of(), p.failuresByUser());
    }

    @Test
    void theTableIsBoundedAndNewSourcesPastItAreServedUncounted() {
        Pike p = pike(Map.of("reqs_density_per_unit", "1", "max_entries", "1000"));
        for (int i = 0; i < 1000; i++) {
            p.admit("10.0." + (i / 256) + "." + (i % 256), "udp");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ACCEPT, p.admit("10.9.9.9", "udp"), "not counted: the table is full");
        }
        now.addAndGet(2_000);
        p.sweep();
        assertEquals(Verdict.ACCEPT, p.admit("10.9.9.9", "udp"));
        assertEquals(Verdict.DROP, p.admit("10.9.9.9", "udp"), "counted once the idle ones left");
    }

    @Test
    void badSettingsAreRejectedAndTheDefaultsKept() {
        PikeConfig c = PikeConfig.from(Map.of("exempt_sources", "300.1.1.1", "ban_action", "reject"));
        assertEquals(PikeConfig.DEFAULTS.exempt(), c.exempt());
        assertFalse(c.banForbids());
        assertEquals(30, PikeConfig.DEFAULTS.density());
        assertEquals(2_000, PikeConfig.DEFAULTS.samplingMillis());
    }
}
