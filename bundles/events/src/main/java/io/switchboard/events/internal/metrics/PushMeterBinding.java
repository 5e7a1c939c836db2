package io.switchboard.events.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.internal.push.PushService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Push notifications (RFC 8599, {@code push:notify}) sent and failed, from the push service's own counters, in the
 * platform's meter registry (bundles/metrics). Optional like {@link EventsMeterBinding}.
 */
@Component(
        immediate = true,
        service = {})
public class PushMeterBinding {

    static final String PUSHES = "switchboard.push.notifications";

    @Reference
    MeterRegistry registry;

    @Reference
    PushService push;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        counter("sent", PushService::sent);
        counter("failed", PushService::failed);
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void counter(String outcome, ToDoubleFunction<PushService> value) {
        meters.add(FunctionCounter.builder(PUSHES, push, value)
                .description("Push notifications to the push gateway: sent (2xx), failed (error answer, time-out, "
                        + "unreachable gateway, bad push_url)")
                .tag("outcome", outcome)
                .register(registry));
    }
}
