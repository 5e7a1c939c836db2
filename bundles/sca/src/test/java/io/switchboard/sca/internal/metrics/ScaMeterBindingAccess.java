package io.switchboard.sca.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.sca.internal.ScaServiceComponent;

/** Lets the engine's tests (package internal) bind the meters, as DS would. */
public final class ScaMeterBindingAccess {

    private ScaMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry, ScaServiceComponent sca) {
        ScaMeterBinding b = new ScaMeterBinding();
        b.registry = registry;
        b.sca = sca;
        b.activate();
        return b::deactivate;
    }
}
