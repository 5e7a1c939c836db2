package io.switchboard.esl.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.esl.internal.EslComponent;

/** Lets the Event Socket's tests (package internal) bind the meters to a component, as DS would. */
public final class EslMeterBindingAccess {

    private EslMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry, EslComponent esl) {
        EslMeterBinding b = new EslMeterBinding();
        b.registry = registry;
        b.esl = esl;
        b.activate();
        return b::deactivate;
    }
}
