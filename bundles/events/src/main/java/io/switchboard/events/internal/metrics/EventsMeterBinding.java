package io.switchboard.events.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.EventStatistics;
import io.switchboard.events.internal.EventBusService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The event bus's meters in the platform's meter registry (bundles/metrics): the bus's own lock-free counters
 * ({@code events:stats}) as Prometheus counters and gauges, read at the scrape. The only class of this bundle
 * besides {@link PushMeterBinding} that sees Micrometer (imported optionally): without the metrics bundle it is
 * never satisfied.
 */
@Component(
        immediate = true,
        service = {})
public class EventsMeterBinding {

    static final String PUBLISHED = "switchboard.events.published";
    static final String DELIVERED = "switchboard.events.delivered";
    static final String DROPPED = "switchboard.events.dropped";
    static final String TIMED_OUT = "switchboard.events.subscriptions.timed.out";
    static final String SUBSCRIPTIONS = "switchboard.events.subscriptions";
    static final String WAITING = "switchboard.events.waiting";

    @Reference
    MeterRegistry registry;

    @Reference
    EventBusService bus;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        counter(PUBLISHED, "Events published on the platform's event bus", EventStatistics::published);
        counter(DELIVERED, "Events handed to a subscription's handler", EventStatistics::delivered);
        counter(
                DROPPED,
                "Deliveries dropped: a subscription's queue full, or a handler that failed",
                EventStatistics::dropped);
        counter(TIMED_OUT, "Subscriptions closed by their time-out", EventStatistics::timedOut);
        gauge(SUBSCRIPTIONS, "Live subscriptions of the event bus", EventStatistics::subscriptions);
        gauge(WAITING, "Routes suspended in events:wait", EventStatistics::waiting);
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void counter(String name, String help, ToDoubleFunction<EventStatistics> value) {
        meters.add(FunctionCounter.builder(name, bus, b -> value.applyAsDouble(b.statistics()))
                .description(help)
                .register(registry));
    }

    private void gauge(String name, String help, ToDoubleFunction<EventStatistics> value) {
        meters.add(Gauge.builder(name, bus, b -> value.applyAsDouble(b.statistics()))
                .description(help)
                .register(registry));
    }
}
