package io.switchboard.sca.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.events.publish.EventPublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Appearance changes as events of the platform's bus (bundles/events, type {@code SCA}), published through its
 * optional publishing service, a JDK type: this bundle does not import the bus, and while the bus is not installed
 * nothing is built or sent. {@link Appearances} calls it at each change of an appearance's wire state (what the
 * line's phones are told: {@code active} while the ACK is awaited and after it is one state), under the engine's
 * lock, so a line's events keep their order. The attributes are a fixed set, each value cut at
 * {@link EventPublisher#MAX_VALUE} characters (an owner's Contact comes from the wire).
 */
final class AppearanceEvents {

    static final String TYPE = "SCA";
    static final AppearanceEvents NONE = new AppearanceEvents(new EventPublisher());

    private final EventPublisher bus;

    AppearanceEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /** The slot's state (its wire token) is new: {@code idle} when it was released. */
    void changed(Appearances.Slot s) {
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("aor", cut(s.aor));
        a.put("index", s.index);
        a.put("state", s.state.token());
        a.put("owner", cut(s.owner));
        a.put("call_id", cut(s.callId));
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }
}
