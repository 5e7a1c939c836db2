package io.switchboard.sca.internal;

import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.subscription.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The appearances of every shared line, in memory (as Kamailio; only subscriptions are persisted): per line an
 * index-ordered map of its non-idle appearances, plus an index by Call-ID for the call path. Not thread-safe: the
 * engine's one lock serializes changes.
 */
final class Appearances {

    /** One non-idle appearance. Fields are the engine's to change. */
    static final class Slot {
        final String aor;
        final int index;
        AppearanceState state;
        String uri;
        String owner;
        /** The call on the appearance: Call-ID, the shared-line device's tag, the remote party's tag and target. */
        String callId;

        String lineTag;
        String remoteTag;
        String remoteTarget;
        /** Incoming call answered by a member (callee side): the member's tag is the To tag. */
        boolean callee;
        /** The line-seize subscription that seized it, until the call progresses; null when none. */
        Subscription lineSeize;
        /** A retrieve in progress: the call it replaces, restored when the retrieve fails. */
        Slot previous;

        long modifiedAt;

        Slot(String aor, int index) {
            this.aor = aor;
            this.index = index;
        }

        Slot copy() {
            Slot s = new Slot(aor, index);
            s.state = state;
            s.uri = uri;
            s.owner = owner;
            s.callId = callId;
            s.lineTag = lineTag;
            s.remoteTag = remoteTag;
            s.remoteTarget = remoteTarget;
            s.callee = callee;
            return s;
        }

        Appearance view() {
            return new Appearance(aor, index, state, uri, owner, callId, modifiedAt);
        }
    }

    private final Map<String, TreeMap<Integer, Slot>> lines;
    private final Map<String, Slot> byCallId;
    private final int maxAppearances;
    private final AppearanceEvents events;
    /** Appearances in the table by state (ordinal; idle ones are not in it), read by the metrics without a lock. */
    private final AtomicInteger[] byState = new AtomicInteger[AppearanceState.values().length];

    /**
     * @param tableBits      log2 of the initial table size (Kamailio's hash_table_size)
     * @param maxAppearances the most appearances of one line (0 = no limit)
     */
    Appearances(int tableBits, int maxAppearances) {
        this(tableBits, maxAppearances, AppearanceEvents.NONE);
    }

    /** @param events told of every change of an appearance's wire state (the event bus) */
    Appearances(int tableBits, int maxAppearances, AppearanceEvents events) {
        this.events = events;
        int size = 1 << tableBits;
        // concurrent maps: the engine changes them under its lock, but the call path reads them without it to let
        // the calls of lines that are not shared pass without taking that lock (see ScaCallRequests#request)
        this.lines = new ConcurrentHashMap<>(size);
        this.byCallId = new ConcurrentHashMap<>(size);
        this.maxAppearances = maxAppearances;
        for (int i = 0; i < byState.length; i++) {
            byState[i] = new AtomicInteger();
        }
    }

    /** Why a seize failed. */
    enum Refusal {
        IN_USE,
        FULL
    }

    /** The result of a seize: the slot, or why not. */
    record Seized(Slot slot, Refusal refusal) {}

    /**
     * Seizes {@code index} (or, when {@code index <= 0}, the lowest free one) of the line for {@code owner}:
     * state seized. Refused when the index is in use or past the maximum.
     */
    Seized seize(String aor, int index, String owner, long now) {
        TreeMap<Integer, Slot> line = lines.computeIfAbsent(aor, k -> new TreeMap<>());
        int i = index;
        if (i <= 0) {
            i = 1;
            while (line.containsKey(i)) {
                i++;
            }
        } else if (line.containsKey(i)) {
            return new Seized(null, Refusal.IN_USE);
        }
        if (maxAppearances > 0 && i > maxAppearances) {
            dropIfEmpty(aor, line);
            return new Seized(null, Refusal.FULL);
        }
        Slot s = new Slot(aor, i);
        s.state = AppearanceState.SEIZED;
        s.owner = owner;
        s.modifiedAt = now;
        line.put(i, s);
        events.changed(s);
        byState[AppearanceState.SEIZED.ordinal()].incrementAndGet();
        return new Seized(s, null);
    }

    Slot get(String aor, int index) {
        TreeMap<Integer, Slot> line = lines.get(aor);
        return line == null ? null : line.get(index);
    }

    /** Whether the line has an appearance that is not idle; safe without the engine's lock. */
    boolean inUse(String aor) {
        return lines.containsKey(aor);
    }

    /** The slot of the call with this Call-ID, null when none; safe without the engine's lock. */
    Slot byCall(String callId) {
        return callId == null ? null : byCallId.get(callId);
    }

    /** Puts the slot on a call (or moves it to another one). */
    void bind(Slot s, String callId, String lineTag) {
        if (s.callId != null && byCallId.get(s.callId) == s) {
            byCallId.remove(s.callId);
        }
        s.callId = callId;
        s.lineTag = lineTag;
        if (callId != null) {
            byCallId.put(callId, s);
        }
    }

    /** Sets the state (IDLE releases the slot). */
    void set(Slot s, AppearanceState state, long now) {
        if (state == AppearanceState.IDLE) {
            release(s);
            return;
        }
        if (inTable(s) && s.state != state) {
            byState[s.state.ordinal()].decrementAndGet();
            byState[state.ordinal()].incrementAndGet();
        }
        AppearanceState before = s.state;
        s.state = state;
        s.modifiedAt = now;
        if (!before.token().equals(state.token())) {
            events.changed(s);
        }
    }

    /** A failed retrieve puts the slot back in the state of the call it was to replace (modifiedAt kept). */
    void restore(Slot s, AppearanceState state) {
        AppearanceState before = s.state;
        if (inTable(s) && before != null && before != state) {
            byState[before.ordinal()].decrementAndGet();
            byState[state.ordinal()].incrementAndGet();
        }
        s.state = state;
        if (before == null || !before.token().equals(state.token())) {
            events.changed(s);
        }
    }

    /** Frees the slot: the index is idle again. */
    void release(Slot s) {
        boolean wasBusy = s.state != AppearanceState.IDLE;
        AppearanceState was = s.state;
        s.state = AppearanceState.IDLE;
        if (wasBusy) {
            events.changed(s);
        }
        if (s.callId != null && byCallId.get(s.callId) == s) {
            byCallId.remove(s.callId);
        }
        TreeMap<Integer, Slot> line = lines.get(s.aor);
        if (line != null && line.get(s.index) == s) {
            line.remove(s.index);
            byState[was.ordinal()].decrementAndGet();
            dropIfEmpty(s.aor, line);
        }
    }

    private boolean inTable(Slot s) {
        TreeMap<Integer, Slot> line = lines.get(s.aor);
        return line != null && line.get(s.index) == s;
    }

    /** Appearances in {@code state} now (0 for idle: an idle index is not in the table); takes no lock. */
    int count(AppearanceState state) {
        return byState[state.ordinal()].get();
    }

    private void dropIfEmpty(String aor, TreeMap<Integer, Slot> line) {
        if (line.isEmpty()) {
            lines.remove(aor);
        }
    }

    /** The non-idle appearances of a line, by index. */
    List<Slot> of(String aor) {
        TreeMap<Integer, Slot> line = lines.get(aor);
        return line == null ? List.of() : new ArrayList<>(line.values());
    }

    /** Every non-idle appearance. */
    List<Slot> all() {
        List<Slot> out = new ArrayList<>();
        for (TreeMap<Integer, Slot> line : new TreeMap<>(lines).values()) {
            out.addAll(line.values());
        }
        return out;
    }

    /** The slots owned by a device (Contact URI) on a line. */
    List<Slot> ownedBy(String aor, String owner) {
        List<Slot> out = new ArrayList<>();
        for (Slot s : of(aor)) {
            if (owner != null && owner.equals(s.owner)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The Call-Info lines of a NOTIFY for this line. */
    List<CallInfo.Line> lines(String aor) {
        List<CallInfo.Line> out = new ArrayList<>();
        for (Slot s : of(aor)) {
            out.add(new CallInfo.Line(s.index, s.state, s.uri));
        }
        return out;
    }

    int size() {
        int n = 0;
        for (TreeMap<Integer, Slot> line : lines.values()) {
            n += line.size();
        }
        return n;
    }
}
