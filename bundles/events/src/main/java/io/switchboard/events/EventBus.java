package io.switchboard.events;

import java.util.List;
import java.util.Map;

/**
 * The platform's one event bus (OSGi service of {@code bundles/events}). Publishing never blocks: matching runs on
 * the publisher's thread against an index (by type, then by the value of each subscription's first equality
 * condition), handlers run on the bus's delivery thread, and a full delivery queue drops the event and counts it.
 * <p>
 * Bundles that only publish need not import this package: the bus is also registered as a
 * {@code java.util.function.BiConsumer<String, Map<String, ?>>} with property {@link #PUBLISH_PROPERTY}, so an
 * optional reference to it works whether or not this bundle is installed. {@code EventPublisher} (package
 * {@code io.switchboard.events.publish}, which those bundles carry privately rather than import) holds that reference
 * for them, so the null check is written once.
 */
public interface EventBus {

    /** Service property (value {@code publish}) of the bus's {@code BiConsumer} publishing service. */
    String PUBLISH_PROPERTY = "switchboard.events";

    /** The target filter of an optional reference to the {@code BiConsumer} publishing service. */
    String PUBLISH_TARGET = "(switchboard.events=publish)";

    /**
     * Publishes an event; null attribute values are left out, others become their {@code toString()}.
     *
     * @return the event as published
     */
    Event publish(String type, Map<String, ?> attributes);

    /**
     * Adds a subscription; the handler gets each matching event until the handle is closed.
     *
     * @throws IllegalStateException when the bus holds {@code max_subscriptions} already
     */
    Subscription subscribe(SubscriptionSpec spec, EventHandler handler);

    /** The live subscriptions. */
    List<Subscription> subscriptions();

    /** Closes the subscription of this id; false when there is none. */
    boolean unsubscribe(String id);

    /** The counters since start. */
    EventStatistics statistics();
}
