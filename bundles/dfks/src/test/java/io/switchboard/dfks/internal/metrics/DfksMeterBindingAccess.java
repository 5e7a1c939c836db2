package io.switchboard.dfks.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Lets the engine's tests (package internal) bind the meters, as DS would. */
public final class DfksMeterBindingAccess {

    private DfksMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry) {
        DfksMeterBinding b = new DfksMeterBinding();
        b.registry = registry;
        b.activate();
        return b::deactivate;
    }
}
