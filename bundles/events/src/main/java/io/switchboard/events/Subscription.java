package io.switchboard.events;

/**
 * The handle of one subscription: closing it removes it from the bus (idempotent). A one-shot subscription closes
 * itself at its first match, a timed one at its time-out, a call-bound one when that call ends.
 */
public interface Subscription extends AutoCloseable {

    /** Unique id on this node, as listed by {@code events:subscriptions} and {@code /api/events/subscriptions}. */
    String id();

    /** What it asked for. */
    SubscriptionSpec spec();

    /** True until closed. */
    boolean active();

    /** Events delivered to it so far. */
    long delivered();

    @Override
    void close();
}
