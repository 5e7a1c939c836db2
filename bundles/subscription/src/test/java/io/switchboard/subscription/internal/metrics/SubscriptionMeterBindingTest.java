package io.switchboard.subscription.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class SubscriptionMeterBindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsActiveSubscriptionsPerInstalledPackageAndTheNotifyCounters() {
        List<Subscription> live = List.of(sub("as-feature-event"), sub("as-feature-event"), sub("call-info"));
        SubscriptionMeterBinding b = new SubscriptionMeterBinding();
        b.registry = registry;
        b.subscriptions = new Layer(live);
        b.bindEventPackage(pkg("as-feature-event"));
        b.activate();
        b.bindEventPackage(pkg("call-info"));
        b.bindEventPackage(pkg("line-seize"));

        assertEquals(2, gauge("as-feature-event"));
        assertEquals(1, gauge("call-info"));
        assertEquals(0, gauge("line-seize"));
        assertEquals(7, notifies("sent"));
        assertEquals(5, notifies("succeeded"));
        assertEquals(2, notifies("failed"));
        assertEquals(1, notifies("removed_on_failure"));

        b.unbindEventPackage(pkg("call-info"));
        assertNull(registry.find(SubscriptionMeterBinding.ACTIVE)
                .tag("event", "call-info")
                .gauge());
        b.deactivate();
        assertNull(registry.find(SubscriptionMeterBinding.ACTIVE).gauge());
        assertNull(registry.find(SubscriptionMeterBinding.NOTIFIES).functionCounter());
    }

    private double gauge(String event) {
        return registry.get(SubscriptionMeterBinding.ACTIVE)
                .tag("event", event)
                .gauge()
                .value();
    }

    private double notifies(String outcome) {
        return registry.get(SubscriptionMeterBinding.NOTIFIES)
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    private static Subscription sub(String event) {
        return (Subscription) Proxy.newProxyInstance(
                Subscription.class.getClassLoader(),
                new Class<?>[] {Subscription.class},
                (proxy, method, args) -> method.getName().equals("event") ? event : null);
    }

    private static EventPackage pkg(String event) {
        return (EventPackage) Proxy.newProxyInstance(
                EventPackage.class.getClassLoader(),
                new Class<?>[] {EventPackage.class},
                (proxy, method, args) -> method.getName().equals("event") ? event : null);
    }

    /** The two queries the binding makes of the layer. */
    private record Layer(List<Subscription> live) implements SubscriptionService {
        @Override
        public List<Subscription> all() {
            return live;
        }

        @Override
        public long[] notifyCounters() {
            return new long[] {7, 5, 2, 1};
        }

        @Override
        public SubscribeRequest check(Exchange exchange, EventPackage pkg) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription accept(SubscribeRequest request, NotifyBody state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription acceptQuietly(SubscribeRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void notify(Subscription subscription, NotifyBody body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean terminate(Subscription subscription, String reason, NotifyBody body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int notifyAll(String event, String presentity, NotifyBody body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Subscription> subscriptions(String event, String presentity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int size() {
            return live.size();
        }
    }
}
