package io.switchboard.http.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpMeterBindingTest {

    @Test
    void countsByStatusAndRemovesItsCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpMeterBinding b = new HttpMeterBinding();
        b.registry = registry;
        b.activate();
        b.accept(200);
        b.accept(200);
        b.accept(421);
        b.accept(42);
        assertEquals(
                2,
                registry.get(HttpMeterBinding.RESPONSES)
                        .tag("status", "200")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(HttpMeterBinding.RESPONSES)
                        .tag("status", "421")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(HttpMeterBinding.RESPONSES)
                        .tag("status", "other")
                        .counter()
                        .count());
        b.deactivate();
        assertNull(registry.find(HttpMeterBinding.RESPONSES).counter());
    }
}
