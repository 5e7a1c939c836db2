package io.switchboard.cgrates.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.events.publish.EventPublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a CDR's delivery as an event of the platform's bus (bundles/events, type {@code CDR}), published through
 * its optional publishing service, a JDK type: this bundle does not import the bus, and while the bus is not installed
 * nothing is built or sent. {@link OutboxSender} calls it once per outbox row of the CDR method ({@code cdr.method};
 * a prepaid call's TerminateSession row is none) when the row is marked delivered, or failed for good; a send that
 * will be retried is no event. The attributes are a fixed set, the Call-ID cut at
 * {@link EventPublisher#MAX_VALUE} characters.
 */
final class CdrEvents {

    static final String TYPE = "CDR";
    static final CdrEvents NONE = new CdrEvents(new EventPublisher(), "");

    /** The {@code outcome} values (the events guide's table lists them). */
    static final String DELIVERED = "delivered";

    /** CGRateS already had the CDR ({@code EXISTS}: a send whose mark was lost); delivered all the same. */
    static final String DUPLICATE = "duplicate";

    /** Given up: refused {@code outbox.max_attempts} times, or an unreadable row. */
    static final String FAILED = "failed";

    private final EventPublisher bus;
    private final String cdrMethod;

    CdrEvents(EventPublisher bus, String cdrMethod) {
        this.bus = bus;
        this.cdrMethod = cdrMethod;
    }

    /** The row {@code r} ended with {@code outcome} after {@code attempts} sends. */
    void settled(Outbox.Row r, String outcome, int attempts) {
        if (!cdrMethod.equals(r.method())) {
            return;
        }
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("origin_id", cut(r.originId()));
        a.put("outcome", outcome);
        a.put("attempts", attempts);
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }
}
