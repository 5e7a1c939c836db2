package io.switchboard.esl.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live outbound calls by channel UUID, so that {@code esl:execute} and {@code esl:hangup} find the socket of the
 * call their exchange belongs to (header {@code EslCallUuid}), whichever route or exchange of that call sends them.
 */
final class OutboundCalls {

    private final Map<String, OutboundSession> byUuid = new ConcurrentHashMap<>();

    void add(String uuid, OutboundSession s) {
        byUuid.put(uuid, s);
    }

    void remove(String uuid, OutboundSession s) {
        byUuid.remove(uuid, s);
    }

    OutboundSession get(String uuid) {
        return uuid == null ? null : byUuid.get(uuid);
    }

    int size() {
        return byUuid.size();
    }
}
