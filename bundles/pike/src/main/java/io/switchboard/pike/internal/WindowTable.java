package io.switchboard.pike.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Counts events per key (a source address, a user) in fixed windows, as Kamailio's pike counts requests per
 * {@code sampling_time_unit}: the count starts again at the first event after a window has passed. Lock-free on the
 * way of a request (a {@link ConcurrentHashMap#get}, an atomic increment; a lock of one map bin only when a new key
 * arrives), bounded ({@code maxEntries}: past it new keys are not counted, and {@link #full()} says so), and swept
 * of keys idle for a window by {@link #sweep}. Two threads that open a new window at once may lose a count or two:
 * a limit of tens per window does not need more.
 */
final class WindowTable {

    /** One key's window; {@code flagged} is decided once, when the key is first seen (pike: an exempt source). */
    static final class Window {
        final boolean flagged;
        final AtomicLong start;
        final AtomicInteger count = new AtomicInteger();

        Window(long now, boolean flagged) {
            this.start = new AtomicLong(now);
            this.flagged = flagged;
        }

        /** Counts one event at {@code now}; returns the count of the current window. */
        int hit(long now, long windowMillis) {
            long s = start.get();
            if (now - s >= windowMillis && start.compareAndSet(s, now)) {
                count.set(0);
            }
            return count.incrementAndGet();
        }

        /** The count of the window that is current at {@code now}, 0 when it has passed. */
        int current(long now, long windowMillis) {
            return now - start.get() >= windowMillis ? 0 : count.get();
        }
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Predicate<String> flag;
    private volatile int maxEntries;
    private volatile boolean full;

    WindowTable(int maxEntries, Predicate<String> flag) {
        this.maxEntries = maxEntries;
        this.flag = flag;
    }

    void maxEntries(int max) {
        this.maxEntries = max;
    }

    /** The key's window, created at {@code now}; null when the table is full and the key is new. */
    Window window(String key, long now) {
        Window w = windows.get(key);
        if (w != null) {
            return w;
        }
        if (windows.size() >= maxEntries) {
            full = true;
            return null;
        }
        return windows.computeIfAbsent(key, k -> new Window(now, flag.test(k)));
    }

    /** Removes the windows that started {@code windowMillis} or more before {@code now}; returns how many remain. */
    int sweep(long now, long windowMillis) {
        windows.values().removeIf(w -> now - w.start.get() >= windowMillis);
        int left = windows.size();
        if (left < maxEntries) {
            full = false;
        }
        return left;
    }

    /** True when a new key was turned away since the last sweep that left room. */
    boolean full() {
        return full;
    }

    void remove(String key) {
        windows.remove(key);
    }

    /** Forgets every key; returns how many there were. */
    int clear() {
        int n = windows.size();
        windows.clear();
        return n;
    }

    /** Every key with the count of its current window (those whose window has passed are left out). */
    Map<String, Integer> counts(long now, long windowMillis) {
        Map<String, Integer> out = new TreeMap<>();
        windows.forEach((k, w) -> {
            int c = w.current(now, windowMillis);
            if (c > 0) {
                out.put(k, c);
            }
        });
        return out;
    }
}
