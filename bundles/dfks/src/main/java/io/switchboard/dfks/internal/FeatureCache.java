package io.switchboard.dfks.internal;

import io.switchboard.dfks.FeatureState;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the get route last answered for a user, kept for {@code get.cache.seconds}: call forwarding reads every
 * feature of the callee on every call, and each read ran the get route (two SQL queries in the default routes, 10 %
 * of the CPU samples of a 750 calls/s step). A set through this platform (phone, shell, REST) drops the user's entry
 * before its set route runs and again after it, so this node never serves its own stale state; a change written to
 * the integrator's storage by someone else (another node, a provisioning system) is seen within the TTL. Bounded:
 * at {@code maxEntries} the whole cache is emptied, which costs one get route run per user afterwards.
 */
final class FeatureCache {

    private record Entry(List<FeatureState> features, long expiresAt) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that ran its get route across a set does not keep what it read. */
    private final AtomicLong sets = new AtomicLong();

    /** @param ttlSeconds 0 turns the cache off */
    FeatureCache(int ttlSeconds, int maxEntries, LongSupplier nanoClock) {
        if (ttlSeconds < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("get.cache.seconds must be 0 or more: " + ttlSeconds);
        }
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The user's features while fresh, else null. */
    List<FeatureState> get(String user, String domain) {
        if (!enabled()) {
            return null;
        }
        Entry e = entries.get(key(user, domain));
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(key(user, domain), e);
            return null;
        }
        return e.features();
    }

    /** To take before running the get route, and give to {@link #put}. */
    long stamp() {
        return sets.get();
    }

    /** Keeps what the get route answered, unless a set happened since {@code stamp} (it may have read the old row). */
    void put(String user, String domain, List<FeatureState> features, long stamp) {
        if (!enabled() || sets.get() != stamp) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key(user, domain), new Entry(List.copyOf(features), nanoClock.getAsLong() + ttlNanos));
    }

    void invalidate(String user, String domain) {
        sets.incrementAndGet();
        entries.remove(key(user, domain));
    }

    int size() {
        return entries.size();
    }

    private static String key(String user, String domain) {
        return user + '@' + domain.toLowerCase(Locale.ROOT);
    }
}
