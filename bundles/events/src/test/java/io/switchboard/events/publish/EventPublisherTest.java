package io.switchboard.events.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The shared handle of the bus's publishing service: bound, unbound, rebound greedily, absent. */
class EventPublisherTest {

    private final List<String> first = new ArrayList<>();
    private final List<String> second = new ArrayList<>();
    private final BiConsumer<String, Map<String, ?>> bus1 = (type, a) -> first.add(type + " " + a);
    private final BiConsumer<String, Map<String, ?>> bus2 = (type, a) -> second.add(type + " " + a);

    @Test
    void withoutABusNothingHappens() {
        EventPublisher p = new EventPublisher();
        assertFalse(p.on());
        p.publish("DFKS", Map.of("user", "alice@example.com"));
        p.unbind(bus1);
        assertFalse(p.on());
    }

    @Test
    void theBoundBusGetsTheEventAsGiven() {
        EventPublisher p = EventPublisher.of(bus1);
        assertTrue(p.on());
        Map<String, Object> a = Map.of("aor", "sip:alice@example.com");
        List<Object> seen = new ArrayList<>();
        p.bind((type, attrs) -> seen.add(attrs));
        p.publish("REGISTER", a);
        assertSame(a, seen.get(0), "the caller's map, not a copy");
        p.bind(bus1);
        p.publish("REGISTER", a);
        assertEquals(List.of("REGISTER {aor=sip:alice@example.com}"), first);
    }

    @Test
    void aGreedyRebindKeepsTheNewBusWhenTheOldOneIsUnbound() {
        EventPublisher p = EventPublisher.of(bus1);
        p.bind(bus2); // DS binds the better service first, then unbinds the one it replaces
        p.unbind(bus1);
        assertTrue(p.on());
        p.publish("SCA", Map.of("index", 1));
        assertEquals(List.of(), first);
        assertEquals(List.of("SCA {index=1}"), second);
        p.unbind(bus2);
        assertFalse(p.on());
        p.publish("SCA", Map.of("index", 2));
        assertEquals(1, second.size());
    }

    @Test
    void theFailureOfThePublishingServiceReachesTheCallerAsBefore() {
        IllegalStateException boom = new IllegalStateException("bus stopping");
        EventPublisher p = EventPublisher.of((type, a) -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> p.publish("DIALOG", Map.of())));
    }

    @Test
    void theTargetIsTheBusService() {
        assertEquals("(switchboard.events=publish)", EventPublisher.TARGET);
        assertThrows(NullPointerException.class, () -> new EventPublisher().bind(null));
    }

    @Test
    void aValueLongerThanTheLimitIsCut() {
        String limit = "a".repeat(EventPublisher.MAX_VALUE);
        assertSame(limit, EventPublisher.cut(limit), "a value at the limit is kept as it is");
        assertEquals(limit, EventPublisher.cut(limit + "b"));
        assertEquals("", EventPublisher.cut(""));
        assertNull(EventPublisher.cut(null));
    }
}
