package io.switchboard.ussd.internal;

import io.switchboard.ussd.UssdSessionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The live sessions of both directions by Call-ID, and the clock they are timed with. One table for both because
 * the UE's in-dialog requests (INFO, BYE) are found by Call-ID whoever opened the session, and {@code max_sessions}
 * counts both. A session leaves the table when it ends; a late callback finds it gone ({@link #isLive}).
 */
final class UssdSessions {

    private final Map<String, UssdSession> byCallId = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final SessionEvents events;

    UssdSessions(LongSupplier clock) {
        this(clock, SessionEvents.NONE);
    }

    /** @param events told once of each session that leaves the table, with how it ended (the event bus) */
    UssdSessions(LongSupplier clock, SessionEvents events) {
        this.clock = clock;
        this.events = events;
    }

    long now() {
        return clock.getAsLong();
    }

    int size() {
        return byCallId.size();
    }

    boolean contains(String callId) {
        return callId != null && byCallId.containsKey(callId);
    }

    UssdSession get(String callId) {
        return byCallId.get(callId);
    }

    /** Adds {@code s} unless its Call-ID is taken (a retransmitted or looped INVITE); false then. */
    boolean addIfAbsent(UssdSession s) {
        return byCallId.putIfAbsent(s.id, s) == null;
    }

    void add(UssdSession s) {
        byCallId.put(s.id, s);
    }

    /** Removes and returns the session of {@code callId}, if any; it ended with {@code outcome}. */
    UssdSession remove(String callId, String outcome) {
        UssdSession s = byCallId.remove(callId);
        if (s != null) {
            UssdMeters.ended(s, outcome);
            events.ended(s, outcome, clock.getAsLong());
        }
        return s;
    }

    /**
     * Removes {@code s} only (a new session that reuses its Call-ID stays); it ended with {@code outcome}
     * ({@link SessionEvents}' values). A session already gone is not told again.
     */
    void remove(UssdSession s, String outcome) {
        if (byCallId.remove(s.id, s)) { // once per session: the meter and the event see the same outcome
            UssdMeters.ended(s, outcome);
            events.ended(s, outcome, clock.getAsLong());
        }
    }

    /** True while {@code s} is the table's session of its Call-ID. */
    boolean isLive(UssdSession s) {
        return byCallId.get(s.id) == s;
    }

    /** A copy, for ending every session without holding the table. */
    List<UssdSession> all() {
        return new ArrayList<>(byCallId.values());
    }

    /** What {@code ussd:sessions} and REST list: oldest first. */
    List<UssdSessionInfo> infos() {
        long now = clock.getAsLong();
        List<UssdSessionInfo> out = new ArrayList<>(byCallId.size());
        for (UssdSession s : byCallId.values()) {
            out.add(s.info(now));
        }
        out.sort(Comparator.comparingLong(UssdSessionInfo::startedAt).thenComparing(UssdSessionInfo::id));
        return out;
    }
}
