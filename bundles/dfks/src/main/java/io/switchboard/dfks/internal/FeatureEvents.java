package io.switchboard.dfks.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.dfks.FeatureState;
import io.switchboard.events.publish.EventPublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Feature changes as events of the platform's bus (bundles/events, type {@code DFKS}), published through its
 * optional publishing service, a JDK type: this bundle does not import the bus, and while the bus is not installed
 * nothing is built or sent. Only a set that changed the stored state is an event (a phone re-asserting its DND is
 * not). The attributes are a fixed set (an absent value left out), each value cut at {@link EventPublisher#MAX_VALUE}
 * characters (a device id or a target comes from the wire).
 */
final class FeatureEvents {

    static final String TYPE = "DFKS";
    static final FeatureEvents NONE = new FeatureEvents(new EventPublisher());

    private final EventPublisher bus;

    FeatureEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /**
     * @param before the state read before the set
     * @param after  the state the set route stored
     * @param source who set it: {@code sip} (a SUBSCRIBE with a Set body), {@code rest}, {@code shell}, or the
     *               caller's word ({@code DfksService#set})
     * @param device the device named in the SUBSCRIBE's body, null when none
     */
    void changed(String user, String domain, FeatureState before, FeatureState after, String source, String device) {
        if (!bus.on() || after.equals(before)) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("user", cut(user + "@" + domain));
        a.put("feature", after.feature().shortName());
        a.put("enabled", after.status());
        a.put("value", cut(after.forwardTo()));
        a.put("ring_count", after.ringCount());
        a.put("source", cut(source));
        a.put("device", cut(device));
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }
}
