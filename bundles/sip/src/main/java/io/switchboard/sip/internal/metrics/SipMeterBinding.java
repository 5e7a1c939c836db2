package io.switchboard.sip.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.sip.internal.MeterSink;
import io.switchboard.sip.internal.SipTrafficMeters;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sends the SIP counters to the platform's meter registry (bundles/metrics) while it is there. The only class of
 * this bundle that sees Micrometer: its package is imported optionally, so without the metrics bundle this
 * component is simply never satisfied and the SIP path counts into nothing.
 */
@Component(
        immediate = true,
        service = {})
public class SipMeterBinding implements MeterSink {

    @Reference
    MeterRegistry registry;

    @Activate
    void activate() {
        SipTrafficMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        SipTrafficMeters.use(MeterSink.NONE);
    }

    @Override
    public Runnable counter(String name, String help, String... tags) {
        Counter c = Counter.builder(name).description(help).tags(tags).register(registry);
        return c::increment;
    }

    @Override
    public AutoCloseable gauge(String name, String help, Supplier<Number> value, String... tags) {
        Meter g = Gauge.builder(name, value).description(help).tags(tags).register(registry);
        return () -> registry.remove(g);
    }
}
