package io.switchboard.rabbitmq.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.rabbitmq.EventExport;

/** Lets the exporter's tests (package internal) bind the meters, as DS would. */
public final class RabbitMqMeterBindingAccess {

    private RabbitMqMeterBindingAccess() {}

    public static AutoCloseable bind(MeterRegistry registry, EventExport export) {
        RabbitMqMeterBinding b = new RabbitMqMeterBinding();
        b.registry = registry;
        b.export = export;
        b.activate();
        return b::deactivate;
    }
}
