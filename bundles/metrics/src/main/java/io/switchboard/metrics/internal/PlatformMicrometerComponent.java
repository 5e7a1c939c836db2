package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Camel's {@code micrometer:} component (camel-micrometer, embedded in this bundle) on the platform registry,
 * published as the component service {@code camel.name=micrometer}: routes count, time and gauge their own
 * things ({@code micrometer:counter:switchboard.route.calls.routed}) next to the platform's meters. Without
 * this, camel-micrometer would make a registry of its own that {@code /metrics} never shows.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=micrometer")
public class PlatformMicrometerComponent extends MicrometerComponent {

    @Reference
    MeterRegistry registry;

    @Activate
    void activate() {
        setMetricsRegistry(registry);
    }
}
