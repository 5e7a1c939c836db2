package io.switchboard.diameter.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.diameter.internal.DiameterService;

/** Lets the node's tests (package internal) bind the meters to a running service, as DS would. */
public final class DiameterMeterBindingAccess {

    private DiameterMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry, DiameterService service) {
        DiameterMeterBinding b = new DiameterMeterBinding();
        b.registry = registry;
        b.diameter = service;
        b.activate();
        return b::deactivate;
    }
}
