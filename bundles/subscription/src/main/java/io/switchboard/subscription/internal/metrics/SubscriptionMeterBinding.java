package io.switchboard.subscription.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The subscription layer's meters in the platform's meter registry (bundles/metrics): active subscriptions per
 * event package (one series per installed {@link EventPackage}, so the label values are the packages', never a
 * SUBSCRIBE's) and the NOTIFY counters the layer keeps anyway (sent, answered 2xx, failed, subscriptions removed
 * on a failure), read when Prometheus scrapes. The only class of this bundle that sees Micrometer (imported
 * optionally): without the metrics bundle it is never satisfied.
 */
@Component(
        immediate = true,
        service = {})
public class SubscriptionMeterBinding {

    static final String ACTIVE = "switchboard.subscriptions.active";
    static final String NOTIFIES = "switchboard.subscriptions.notifies";

    private static final String[] OUTCOMES = {"sent", "succeeded", "failed", "removed_on_failure"};

    @Reference
    MeterRegistry registry;

    @Reference
    SubscriptionService subscriptions;

    private final List<Meter> meters = new ArrayList<>();
    /** The installed packages' events, each with its gauge once active. */
    private final Map<String, Meter> gauges = new HashMap<>();

    private final Set<String> events = new HashSet<>();
    private boolean active;

    @Activate
    synchronized void activate() {
        for (int i = 0; i < OUTCOMES.length; i++) {
            int index = i;
            meters.add(FunctionCounter.builder(NOTIFIES, subscriptions, s -> s.notifyCounters()[index])
                    .description("NOTIFYs of the subscription layer: sent, answered 2xx, failed, and subscriptions "
                            + "removed after a failed NOTIFY")
                    .tag("outcome", OUTCOMES[i])
                    .register(registry));
        }
        active = true;
        events.forEach(this::addGauge);
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        meters.forEach(registry::remove);
        meters.clear();
        gauges.values().forEach(registry::remove);
        gauges.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindEventPackage(EventPackage pkg) {
        if (events.add(pkg.event()) && active) {
            addGauge(pkg.event());
        }
    }

    synchronized void unbindEventPackage(EventPackage pkg) {
        events.remove(pkg.event());
        Meter m = gauges.remove(pkg.event());
        if (m != null) {
            registry.remove(m);
        }
    }

    private void addGauge(String event) {
        gauges.computeIfAbsent(event, this::gauge);
    }

    private Meter gauge(String event) {
        return Gauge.builder(ACTIVE, subscriptions, s -> count(s, event))
                .description("Active subscriptions by event package")
                .tag("event", event)
                .register(registry);
    }

    private static double count(SubscriptionService s, String event) {
        int n = 0;
        for (Subscription sub : s.all()) {
            if (event.equals(sub.event())) {
                n++;
            }
        }
        return n;
    }
}
