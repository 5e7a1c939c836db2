package io.switchboard.sip.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Activates a {@link SipMeterBinding} on a registry, as DS would. */
public final class SipMeterBindingAccess {

    private SipMeterBindingAccess() {}

    public static SipMeterBinding bind(MeterRegistry registry) {
        SipMeterBinding b = new SipMeterBinding();
        b.registry = registry;
        b.activate();
        return b;
    }
}
