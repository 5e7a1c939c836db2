package io.switchboard.events;

import org.apache.camel.spi.Metadata;

/** Camel headers of the {@code events} component, each documented by its {@link Metadata}. */
public final class EventsConstants {

    @Metadata(
            label = "consumer,wait",
            javaType = "String",
            description = "The type of the event delivered (consumer) or received (events:wait); every attribute of "
                    + "the event is a header of its own name too.")
    public static final String EVENT_TYPE = "EventType";

    @Metadata(
            label = "consumer,wait",
            javaType = "Long",
            description = "The running number of the event (orders the events of one publisher).")
    public static final String EVENT_SEQUENCE = "EventSequence";

    @Metadata(
            label = "wait",
            javaType = "Boolean",
            description = "events:wait: true when the wait ended by its time-out (no event came); false when an "
                    + "event came.")
    public static final String EVENT_TIMEOUT = "EventTimeout";

    @Metadata(
            label = "wait",
            javaType = "Long",
            description = "events:wait: when set, the wait's time-out in milliseconds (above 0) instead of the "
                    + "timeout option; push:notify sets it from wait_seconds of etc/io.switchboard.push.cfg.")
    public static final String EVENT_WAIT_MILLIS = "EventWaitMillis";

    @Metadata(
            label = "subscribe",
            javaType = "String",
            description = "events:subscribe: the id of the subscription it created; events:unsubscribe: the id of "
                    + "the subscription to remove.")
    public static final String SUBSCRIPTION_ID = "EventSubscriptionId";

    private EventsConstants() {}
}
