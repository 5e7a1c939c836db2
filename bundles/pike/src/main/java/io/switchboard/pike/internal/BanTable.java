package io.switchboard.pike.internal;

import io.switchboard.pike.Ban;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The banned source addresses, each until its expiry. Read for every request before it is parsed: an empty table
 * costs one {@code isEmpty()}, a lookup a {@link ConcurrentHashMap#get}; nothing locks. Bounded by
 * {@code max_entries}; an expired ban is removed by the first request that finds it, or by {@link #sweep}.
 */
final class BanTable {

    private static final class Entry {
        final String cause;
        final String detail;
        final long bannedAt;
        final long expiresAt;
        final LongAdder refused = new LongAdder();

        Entry(String cause, String detail, long bannedAt, long expiresAt) {
            this.cause = cause;
            this.detail = detail;
            this.bannedAt = bannedAt;
            this.expiresAt = expiresAt;
        }
    }

    private final ConcurrentHashMap<String, Entry> bans = new ConcurrentHashMap<>();

    /** True when the address is banned at {@code now} (and counts the request as refused). */
    boolean refuses(String address, long now) {
        if (bans.isEmpty()) {
            return false;
        }
        Entry e = bans.get(address);
        if (e == null) {
            return false;
        }
        if (now >= e.expiresAt) {
            bans.remove(address, e);
            return false;
        }
        e.refused.increment();
        return true;
    }

    /**
     * Bans the address until {@code now + millis} unless it is banned already or the table holds {@code max} bans.
     *
     * @return true when this call banned it
     */
    boolean ban(String address, String cause, String detail, long now, long millis, int max) {
        if (bans.size() >= max) {
            return false;
        }
        Entry fresh = new Entry(cause, detail, now, now + millis);
        Entry old = bans.putIfAbsent(address, fresh);
        if (old == null) {
            return true;
        }
        if (now >= old.expiresAt && bans.replace(address, old, fresh)) {
            return true;
        }
        return false;
    }

    boolean lift(String address) {
        return bans.remove(address) != null;
    }

    int clear() {
        int n = bans.size();
        bans.clear();
        return n;
    }

    /** Removes expired bans; returns the addresses whose ban ended. */
    List<String> sweep(long now) {
        List<String> ended = new ArrayList<>();
        bans.forEach((a, e) -> {
            if (now >= e.expiresAt && bans.remove(a, e)) {
                ended.add(a);
            }
        });
        return ended;
    }

    /** The live bans, oldest first. */
    List<Ban> list(long now) {
        List<Ban> out = new ArrayList<>();
        bans.forEach((a, e) -> {
            if (now < e.expiresAt) {
                out.add(new Ban(a, e.cause, e.detail, e.bannedAt, e.expiresAt, e.refused.sum()));
            }
        });
        out.sort(Comparator.comparingLong(Ban::bannedAt).thenComparing(Ban::address));
        return out;
    }
}
