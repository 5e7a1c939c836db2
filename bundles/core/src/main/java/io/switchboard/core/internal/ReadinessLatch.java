package io.switchboard.core.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The conditions of a ready platform, each met once, in any order: {@link #met} says true exactly once, to the
 * caller that met the last one. Kept apart from the OSGi wiring ({@link PlatformReadiness}) so that the order of
 * arrival, which differs between a first boot and a restart, is tested without a framework.
 */
final class ReadinessLatch {

    /** What a ready platform has. */
    enum Condition {
        /** The route watcher loaded the routes folder once (files waiting for a component are retried later). */
        ROUTES_LOADED,
        /** Karaf installed the boot features ({@code BootFinished}); on a restart from the cache, published early. */
        BOOT_FINISHED,
        /** The framework reached its start level: on a restart, every bundle of the features has started. */
        FRAMEWORK_STARTED
    }

    private final Set<Condition> missing = EnumSet.allOf(Condition.class);
    private boolean done;

    /** Marks {@code condition} met; true only for the call that completes the set, never again. */
    synchronized boolean met(Condition condition) {
        missing.remove(condition);
        if (done || !missing.isEmpty()) {
            return false;
        }
        done = true;
        return true;
    }

    /** The conditions still missing (the shell and the log say what the platform waits for). */
    synchronized Set<Condition> missing() {
        return missing.isEmpty() ? Set.of() : EnumSet.copyOf(missing);
    }
}
