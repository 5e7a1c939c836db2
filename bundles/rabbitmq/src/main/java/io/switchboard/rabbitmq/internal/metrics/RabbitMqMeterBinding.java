package io.switchboard.rabbitmq.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.rabbitmq.EventExport;
import io.switchboard.rabbitmq.ExportStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The export to RabbitMQ as meters in the platform's meter registry (bundles/metrics): events received from the
 * bus, confirmed by the broker and dropped (buffer full), the buffer's depth, the connection. Read from the
 * exporter's own counters at the scrape (they start again when the settings change: Prometheus takes it as a
 * counter reset). The only class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class RabbitMqMeterBinding {

    static final String EVENTS = "switchboard.rabbitmq.events";
    static final String BUFFERED = "switchboard.rabbitmq.buffered";
    static final String CONNECTED = "switchboard.rabbitmq.connected";
    static final String CONNECTS = "switchboard.rabbitmq.connects";
    static final String FAILURES = "switchboard.rabbitmq.connection.failures";

    @Reference
    MeterRegistry registry;

    @Reference
    EventExport export;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        events("received", ExportStatistics::received);
        events("published", ExportStatistics::published);
        events("dropped", ExportStatistics::dropped);
        meters.add(Gauge.builder(BUFFERED, export, e -> e.statistics().buffered())
                .description("Events waiting in the export's buffer for the broker, the batch being sent included")
                .register(registry));
        meters.add(Gauge.builder(CONNECTED, export, e -> e.statistics().connected() ? 1 : 0)
                .description("1 while a connection to the broker is open")
                .register(registry));
        meters.add(FunctionCounter.builder(CONNECTS, export, e -> e.statistics().connects())
                .description("Connections to the broker opened (the first one and each reconnection)")
                .register(registry));
        meters.add(FunctionCounter.builder(FAILURES, export, e -> e.statistics().failures())
                .description("Failed connection attempts and connections lost")
                .register(registry));
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void events(String outcome, ToDoubleFunction<ExportStatistics> value) {
        meters.add(FunctionCounter.builder(EVENTS, export, e -> value.applyAsDouble(e.statistics()))
                .description("Events of the export: received from the bus, published (confirmed by the broker), "
                        + "dropped (buffer full)")
                .tag("outcome", outcome)
                .register(registry));
    }
}
