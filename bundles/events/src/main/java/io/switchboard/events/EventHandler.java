package io.switchboard.events;

/** What a subscription does with a matching event; called on the bus's delivery thread, never the publisher's. */
@FunctionalInterface
public interface EventHandler {

    void onEvent(Event event);
}
