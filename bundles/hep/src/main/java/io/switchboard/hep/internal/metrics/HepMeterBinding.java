package io.switchboard.hep.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.hep.internal.HepComponent;
import io.switchboard.hep.internal.HepCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The HEP capture's meters in the platform's meter registry (bundles/metrics): packets sent, dropped (queue full or
 * TCP collector down), failed and unsendable, and the queue's depth, so that a slow or absent collector shows.
 * The only class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class HepMeterBinding {

    static final String PACKETS = "switchboard.hep.packets";
    static final String QUEUED = "switchboard.hep.queued";

    @Reference
    MeterRegistry registry;

    @Reference
    HepComponent hep;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        counter("sent", c -> c.sent);
        counter("dropped", c -> c.dropped);
        counter("failed", c -> c.failed);
        counter("unsendable", c -> c.unsendable);
        meters.add(Gauge.builder(QUEUED, hep, HepComponent::queued)
                .description("HEP packets waiting to be sent")
                .register(registry));
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void counter(String outcome, Function<HepCounters, LongAdder> adder) {
        meters.add(FunctionCounter.builder(
                        PACKETS, hep.counters(), c -> adder.apply(c).sum())
                .description("HEP packets by outcome: sent, dropped (queue full or TCP collector down), failed "
                        + "(socket error), unsendable (no address, or too large)")
                .tag("outcome", outcome)
                .register(registry));
    }
}
