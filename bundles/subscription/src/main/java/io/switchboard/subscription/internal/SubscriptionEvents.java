package io.switchboard.subscription.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.subscription.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Subscriptions created and ended as events of the platform's bus (bundles/events, type {@code SUBSCRIPTION}),
 * published through its optional publishing service, a JDK type: this bundle does not import the bus, and while the
 * bus is not installed nothing is built or sent. The layer calls it when a subscription enters its table (a new
 * dialog, not a refresh nor a restored one) and when it leaves it, once. The attributes are a fixed set, each text
 * cut at {@link EventPublisher#MAX_VALUE} characters (the watcher and the target come from the wire).
 */
final class SubscriptionEvents {

    static final String TYPE = "SUBSCRIPTION";
    static final SubscriptionEvents NONE = new SubscriptionEvents(new EventPublisher());

    /** The {@code reason} of an un-subscribe (Expires 0). */
    static final String UNSUBSCRIBED = "unsubscribed";
    /** The {@code reason} of an expiry (the purge). */
    static final String TIMEOUT = "timeout";
    /** The {@code reason} when a NOTIFY's answer ended the subscription (RFC 6665 4.2.2). */
    static final String NOTIFY_FAILED = "notify_failed";

    private final EventPublisher bus;

    SubscriptionEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /** A new subscription, {@code expires} seconds long. */
    void created(Subscription s, int expires) {
        publish(s, "created", null, expires);
    }

    /**
     * The subscription ended: {@link #UNSUBSCRIBED}, {@link #TIMEOUT}, {@link #NOTIFY_FAILED}, or the reason of the
     * final NOTIFY its package (or the removal of a subscriber) gave ({@code noresource}, {@code rejected},
     * {@code deactivated}, ...), {@code terminated} when it gave none.
     */
    void ended(Subscription s, String reason) {
        publish(s, "ended", reason == null ? "terminated" : reason, null);
    }

    private void publish(Subscription s, String change, String reason, Integer expires) {
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("change", change);
        a.put("event", cut(s.event()));
        a.put("watcher", cut(s.watcher()));
        a.put("target", cut(s.presentity()));
        a.put("id", cut(s.id()));
        a.put("reason", cut(reason));
        a.put("expires", expires);
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }
}
