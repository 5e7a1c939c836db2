package io.switchboard.dfks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.events.publish.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class FeatureEventsTest {

    private final List<Object[]> out = new ArrayList<>();
    private final BiConsumer<String, Map<String, ?>> bus = (type, a) -> out.add(new Object[] {type, a});
    private final EventPublisher publisher = EventPublisher.of(bus);
    private final FeatureEvents events = new FeatureEvents(publisher);

    @Test
    void aChangeFromASubscribeNamesTheDeviceAndTheRingCount() {
        events.changed(
                "bob",
                "x.org",
                FeatureState.off(Feature.CallForwardingNoAnswer),
                new FeatureState(Feature.CallForwardingNoAnswer, true, "sip:vm@x.org", 4),
                "sip",
                "desk-1");
        assertEquals("DFKS", out.get(0)[0]);
        assertEquals(
                Map.of(
                        "user", "bob@x.org",
                        "feature", "cfna",
                        "enabled", true,
                        "value", "sip:vm@x.org",
                        "ring_count", 4,
                        "source", "sip",
                        "device", "desk-1"),
                out.get(0)[1]);
    }

    @Test
    void anUnchangedStateOrNoBusPublishesNothing() {
        FeatureState dnd = new FeatureState(Feature.DoNotDisturb, true, null, null);
        events.changed("bob", "x.org", dnd, dnd, "rest", null);
        assertEquals(List.of(), out);
        publisher.unbind(bus);
        events.changed("bob", "x.org", FeatureState.off(Feature.DoNotDisturb), dnd, "rest", null);
        assertEquals(List.of(), out);
    }

    @Test
    void aLongValueFromTheWireIsCut() {
        String device = "d".repeat(1000);
        events.changed(
                "bob",
                "x.org",
                FeatureState.off(Feature.DoNotDisturb),
                new FeatureState(Feature.DoNotDisturb, true, null, null),
                "sip",
                device);
        assertEquals(EventPublisher.MAX_VALUE, ((String) ((Map<?, ?>) out.get(0)[1]).get("device")).length());
    }
}
