package io.switchboard.cgrates.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Lets billing's tests (package internal) bind the meters, as DS would. */
public final class CgratesMeterBindingAccess {

    private CgratesMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry) {
        CgratesMeterBinding b = new CgratesMeterBinding();
        b.registry = registry;
        b.activate();
        return b::deactivate;
    }
}
