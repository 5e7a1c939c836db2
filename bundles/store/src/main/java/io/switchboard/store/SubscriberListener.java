package io.switchboard.store;

/**
 * Whiteboard SPI: a bundle that keeps state of subscribers (registrations, subscriptions, calls) registers an
 * OSGi service of this type to drop that state when a subscriber is removed. The store knows no such bundle, and
 * a bundle that is not installed simply does not react.
 * <p>
 * Called by {@link SubscriberStore#remove(String, String, boolean)} after the row is deleted, on the caller's
 * thread and before it returns, so that the answer of a REST {@code DELETE} or of {@code subscriber:remove} means
 * "done": return quickly (send SIP asynchronously). An exception is logged and the other listeners still run.
 */
public interface SubscriberListener {

    /** The subscriber {@code removal.aor()} no longer exists. */
    void subscriberRemoved(SubscriberRemoval removal);
}
