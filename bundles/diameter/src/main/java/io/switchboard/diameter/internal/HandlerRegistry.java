package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterRequestHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handler of each application (Application-Id → the consumer's handler), kept apart from the node so that a
 * node restarted for new settings serves the consumers that registered with the old one.
 */
final class HandlerRegistry {

    private final Map<Long, DiameterRequestHandler> handlers = new ConcurrentHashMap<>();

    Map<Long, DiameterRequestHandler> map() {
        return handlers;
    }

    /**
     * @throws IllegalStateException when another consumer already serves the application: one route answers it
     */
    AutoCloseable register(long applicationId, DiameterRequestHandler handler) {
        if (handlers.putIfAbsent(applicationId, handler) != null) {
            throw new IllegalStateException("application " + applicationId + " already has a diameter consumer");
        }
        return () -> handlers.remove(applicationId, handler);
    }
}
