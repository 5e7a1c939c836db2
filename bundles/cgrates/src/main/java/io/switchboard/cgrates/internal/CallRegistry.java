package io.switchboard.cgrates.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The billed calls by Call-ID, from the route's {@code cgrates:call} to a while after their end. Why kept after the
 * end: the CDR is built on the dialog writer's thread, which may run after the ended event; an entry leaves
 * {@link #KEEP_MILLIS} after its end ({@link #purge}). In memory only: a call answered before a restart is billed
 * with the defaults (From user, Request-URI user, request_type) — see the guide's Limits.
 */
final class CallRegistry {

    static final long KEEP_MILLIS = 60_000;

    private final Map<String, BilledCall> byCallId = new ConcurrentHashMap<>();

    void put(BilledCall call) {
        byCallId.put(call.callId, call);
    }

    void remove(String callId) {
        byCallId.remove(callId);
    }

    Optional<BilledCall> get(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    Optional<BilledCall> byOriginId(String originId) {
        return byCallId.values().stream()
                .filter(c -> c.originId.equals(originId))
                .findFirst();
    }

    /** Calls answered and not ended. */
    List<BilledCall> live() {
        return byCallId.values().stream()
                .filter(c -> c.answeredAt != 0 && !c.ended)
                .toList();
    }

    /** Drops calls ended more than {@link #KEEP_MILLIS} before {@code now}, and calls never answered for a day. */
    void purge(long now) {
        byCallId.values()
                .removeIf(c -> (c.ended && now - c.endedAt > KEEP_MILLIS)
                        || (c.answeredAt == 0 && now - c.setupTime > 86_400_000L));
    }

    int size() {
        return byCallId.size();
    }
}
