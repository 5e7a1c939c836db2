package io.switchboard.esl.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live outbound calls by channel UUID, so that {@code esl:execute} and {@code esl:hangup} find the socket of the
 * call their exchange belongs to (header {@code EslCallUuid}), whichever route or exchange of that call sends them.
 */
final class OutboundCalls {

    /** How many ended calls are remembered (see {@link #hasEnded}). */
    static final int ENDED_REMEMBERED = 4096;

    private final Map<String, OutboundSession> byUuid = new ConcurrentHashMap<>();
    /** The UUIDs of the last calls whose socket closed, oldest first. */
    private final Map<String, Boolean> ended = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    void add(String uuid, OutboundSession s) {
        byUuid.put(uuid, s);
    }

    void remove(String uuid, OutboundSession s) {
        if (byUuid.remove(uuid, s)) {
            synchronized (ended) {
                ended.put(uuid, Boolean.TRUE);
            }
        }
    }

    /**
     * Whether the call with this UUID was live here and its socket has closed: a step its route sends after the
     * caller's hang-up closed the socket finds no call, and that is the hang-up, not an unknown UUID.
     */
    boolean hasEnded(String uuid) {
        if (uuid == null) {
            return false;
        }
        synchronized (ended) {
            return ended.containsKey(uuid);
        }
    }

    OutboundSession get(String uuid) {
        return uuid == null ? null : byUuid.get(uuid);
    }

    int size() {
        return byUuid.size();
    }
}
