package io.switchboard.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventFilter;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import io.switchboard.events.internal.metrics.EventsMeterBindingAccess;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bus's counters as meters: published, delivered, dropped (a failing handler), live subscriptions. */
class EventsMetersTest {

    @Test
    void theBusCountersAreMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventBusService service = new EventBusService();
        service.activate(Map.of());
        try (AutoCloseable meters = EventsMeterBindingAccess.bind(registry, service)) {
            CountDownLatch two = new CountDownLatch(2);
            Subscription ok = service.subscribe(
                    SubscriptionSpec.of("REGISTER", EventFilter.parse(""), "test"), e -> two.countDown());
            CountDownLatch thrown = new CountDownLatch(1);
            service.subscribe(SubscriptionSpec.of("DIALOG", EventFilter.parse(""), "test"), e -> {
                thrown.countDown();
                throw new IllegalStateException("a failing handler");
            });
            assertEquals(
                    2, registry.get("switchboard.events.subscriptions").gauge().value());
            service.publish("REGISTER", Map.of("aor", "bob@x"));
            service.publish("REGISTER", Map.of("aor", "alice@x"));
            service.publish("DIALOG", Map.of("aor", "bob@x"));
            service.publish("NOBODY", Map.of());
            assertTrue(two.await(5, TimeUnit.SECONDS));
            assertTrue(thrown.await(5, TimeUnit.SECONDS));
            assertEquals(
                    4,
                    registry.get("switchboard.events.published")
                            .functionCounter()
                            .count());
            long until = System.currentTimeMillis() + 5000;
            while (registry.get("switchboard.events.dropped").functionCounter().count() < 1
                    && System.currentTimeMillis() < until) {
                Thread.sleep(10); // counted after the handler returns or throws
            }
            assertEquals(
                    1,
                    registry.get("switchboard.events.dropped").functionCounter().count());
            until = System.currentTimeMillis() + 5000;
            while (registry.get("switchboard.events.delivered")
                                    .functionCounter()
                                    .count()
                            < 2
                    && System.currentTimeMillis() < until) {
                Thread.sleep(10);
            }
            assertEquals(
                    2,
                    registry.get("switchboard.events.delivered")
                            .functionCounter()
                            .count());
            ok.close();
            assertEquals(
                    1, registry.get("switchboard.events.subscriptions").gauge().value());
            assertEquals(0, registry.get("switchboard.events.waiting").gauge().value());
        } finally {
            service.deactivate();
        }
        assertNull(registry.find("switchboard.events.published").functionCounter());
    }
}
