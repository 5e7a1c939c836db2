package io.switchboard.ussd.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Lets the gateway's tests (package internal) bind the meters, as DS would. */
public final class UssdMeterBindingAccess {

    private UssdMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry) {
        UssdMeterBinding b = new UssdMeterBinding();
        b.registry = registry;
        b.activate();
        return b::deactivate;
    }
}
