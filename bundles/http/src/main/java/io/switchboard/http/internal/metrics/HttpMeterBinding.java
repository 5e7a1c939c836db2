package io.switchboard.http.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.http.internal.HttpMeters;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The REST API's responses by status in the platform's meter registry (bundles/metrics). The statuses are the
 * server's own (100..599), so the label is bounded; a counter per status is made on its first response. The only
 * class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class HttpMeterBinding implements IntConsumer {

    static final String RESPONSES = "switchboard.http.responses";

    @Reference
    MeterRegistry registry;

    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(600);

    @Activate
    void activate() {
        HttpMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        HttpMeters.use(null);
        for (int i = 0; i < counters.length(); i++) {
            Counter c = counters.getAndSet(i, null);
            if (c != null) {
                registry.remove(c);
            }
        }
    }

    @Override
    public void accept(int status) {
        int s = status >= 100 && status <= 599 ? status : 0;
        Counter c = counters.get(s);
        if (c == null) {
            c = Counter.builder(RESPONSES)
                    .description("Responses of the REST API (and /metrics) by status")
                    .tag("status", s == 0 ? "other" : Integer.toString(s))
                    .register(registry);
            counters.compareAndSet(s, null, c);
        }
        c.increment();
    }
}
