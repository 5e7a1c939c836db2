package io.switchboard.ussd.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.events.publish.EventPublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a USSD session as an event of the platform's bus (bundles/events, type {@code USSD_END}), published
 * through its optional publishing service, a JDK type: this bundle does not import the bus, and while the bus is not
 * installed nothing is built or sent. {@link UssdSessions} calls it once per session, when the session leaves the
 * table. The attributes are a fixed set, each text cut at {@link EventPublisher#MAX_VALUE} characters (the
 * subscriber and the USSD string come from the wire).
 */
final class SessionEvents {

    static final String TYPE = "USSD_END";
    static final SessionEvents NONE = new SessionEvents(new EventPublisher());

    /** The {@code outcome} values: how a session ended (the events guide's table lists them). */
    static final String COMPLETED = "completed";

    static final String ERROR = "error";
    static final String UE_ERROR = "ue_error";
    static final String BYE = "bye";
    static final String TIMEOUT = "timeout";
    static final String REFUSED = "refused";
    static final String REJECTED = "rejected";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";
    static final String SHUTDOWN = "shutdown";

    private final EventPublisher bus;

    SessionEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /** The session {@code s} ended at {@code now} (epoch millis) with {@code outcome}. */
    void ended(UssdSession s, String outcome, long now) {
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("session_id", cut(s.id));
        a.put("user", cut(s.subscriber));
        a.put("direction", s.origin.direction());
        a.put("ussd_string", cut(s.ussdString));
        a.put("outcome", outcome);
        a.put("steps", s.step);
        a.put("duration_ms", Math.max(0, now - s.startedAt));
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }
}
