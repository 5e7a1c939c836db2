package io.switchboard.registrar.internal;

import io.switchboard.registrar.DigestAuthenticator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes digest trouble visible in the log at INFO, with the request's source and user: refused credentials (400,
 * 403) at once, and challenges nobody answered once their nonce has expired. A phone whose SIP stack supports none
 * of the offered algorithms (or refuses a 401 with one it does not know, as baresip 1.0.0 does with SHA-256) sends
 * nothing after the 401: without the second kind of line such a phone fails in silence.
 * <p>
 * Bounded, because anybody can make us challenge: at most {@link #MAX_PENDING} open challenges are remembered
 * (more are not followed, and counted), and each {@link #sweep} and each second of refusals write at most
 * {@link #MAX_LINES} lines, the rest as one count.
 */
final class ChallengeLog {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeLog.class);

    static final int MAX_PENDING = 10_000;
    static final int MAX_LINES = 20;

    /** A challenge sent and not answered yet. */
    private record Pending(int status, String method, String user, String source, List<String> offered, long sentAt) {}

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final AtomicInteger untracked = new AtomicInteger();
    private final AtomicInteger refusalsThisSecond = new AtomicInteger();
    private final AtomicInteger refusalsNotLogged = new AtomicInteger();
    private volatile long refusalSecond;

    ChallengeLog(LongSupplier clock) {
        this.clock = clock;
    }

    /** A 401/407 went out: remembers its nonce until a request answers it. */
    void challenged(
            DigestAuthenticator.Result challenge, String method, String user, String source, List<String> offered) {
        if (challenge.challenges().isEmpty()) {
            return;
        }
        Map<String, String> p = DigestAuthenticator.parse(challenge.challenges().get(0));
        String nonce = p == null ? null : p.get("nonce");
        if (nonce == null) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            untracked.incrementAndGet();
            return;
        }
        pending.put(nonce, new Pending(challenge.status(), method, user, source, offered, clock.getAsLong()));
    }

    /** A request came with credentials: the challenges of their nonces are answered (right or wrong). */
    void answered(List<String> credentials) {
        if (pending.isEmpty()) {
            return;
        }
        for (String value : credentials) {
            Map<String, String> p = DigestAuthenticator.parse(value);
            if (p != null && p.get("nonce") != null) {
                pending.remove(p.get("nonce"));
            }
        }
    }

    /** Credentials refused (400/403): one INFO line, unless this second has had {@link #MAX_LINES} already. */
    void refused(int status, String reason, String method, String user, String source, List<String> credentials) {
        long second = clock.getAsLong() / 1000;
        if (second != refusalSecond) {
            refusalSecond = second;
            refusalsThisSecond.set(0);
        }
        if (refusalsThisSecond.incrementAndGet() > MAX_LINES) {
            refusalsNotLogged.incrementAndGet();
            return;
        }
        Map<String, String> p = credentials.isEmpty() ? null : DigestAuthenticator.parse(credentials.get(0));
        LOG.info(
                "Digest refused: {} {} to {} from {} for {} (username {}, algorithm {})",
                status,
                reason,
                method,
                source,
                user,
                p == null ? "-" : p.get("username"),
                p == null ? "-" : p.getOrDefault("algorithm", "MD5 (none given)"));
    }

    /**
     * Logs and forgets the challenges sent more than {@code lifetimeMillis} ago and never answered; also says how
     * many refusals went unlogged since the last sweep. Returns the number of unanswered challenges found.
     */
    int sweep(long lifetimeMillis) {
        long now = clock.getAsLong();
        int found = 0;
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending c = it.next().getValue();
            if (now - c.sentAt() <= lifetimeMillis) {
                continue;
            }
            it.remove();
            if (++found <= MAX_LINES) {
                LOG.info(
                        "Digest challenge not answered: {} from {} for {} got {} with {} and sent nothing within {} s"
                                + " (a phone that knows none of these algorithms, or refuses the list, gives up "
                                + "silently:"
                                + " see algorithms in etc/io.switchboard.registrar.cfg)",
                        c.method(),
                        c.source(),
                        c.user(),
                        c.status(),
                        c.offered(),
                        lifetimeMillis / 1000);
            }
        }
        if (found > MAX_LINES) {
            LOG.info("Digest challenges not answered: {} more not logged", found - MAX_LINES);
        }
        int skipped = untracked.getAndSet(0);
        if (skipped > 0) {
            LOG.info("Digest challenges not followed: {} ({} were open already)", skipped, MAX_PENDING);
        }
        int refusals = refusalsNotLogged.getAndSet(0);
        if (refusals > 0) {
            LOG.info("Digest refused: {} more not logged (at most {} lines a second)", refusals, MAX_LINES);
        }
        return found;
    }

    /** Challenges open now (for tests and the sweep's bound). */
    int pending() {
        return pending.size();
    }
}
