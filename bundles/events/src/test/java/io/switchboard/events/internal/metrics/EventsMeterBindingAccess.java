package io.switchboard.events.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.internal.EventBusService;
import io.switchboard.events.internal.push.PushService;

/** Lets the bus's and push's tests (other packages) bind the meters, as DS would. */
public final class EventsMeterBindingAccess {

    private EventsMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry, EventBusService bus) {
        EventsMeterBinding b = new EventsMeterBinding();
        b.registry = registry;
        b.bus = bus;
        b.activate();
        return b::deactivate;
    }

    public static AutoCloseable bind(MeterRegistry registry, PushService push) {
        PushMeterBinding b = new PushMeterBinding();
        b.registry = registry;
        b.push = push;
        b.activate();
        return b::deactivate;
    }
}
