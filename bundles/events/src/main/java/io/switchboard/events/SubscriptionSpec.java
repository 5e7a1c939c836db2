package io.switchboard.events;

/**
 * What a subscription asks for.
 *
 * @param type          the event type, or {@link EventTypes#ANY} for every type
 * @param filter        conditions on the attributes (all must hold)
 * @param owner         who holds it, for the listing (a route id, a bundle)
 * @param oneShot       closed at its first match
 * @param timeoutMillis closed after this long (0: never); then {@code onTimeout} runs
 * @param callId        bound to this call: closed when its {@code DIALOG} event with state {@code ended} comes (null:
 *                      not bound)
 * @param onTimeout     run once at the time-out, on the bus's timer thread (null: nothing)
 */
public record SubscriptionSpec(
        String type,
        EventFilter filter,
        String owner,
        boolean oneShot,
        long timeoutMillis,
        String callId,
        Runnable onTimeout) {

    public SubscriptionSpec {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("an event subscription needs a type (or * for every type)");
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must be 0 (none) or positive: " + timeoutMillis);
        }
        filter = filter == null ? EventFilter.ALL : filter;
        owner = owner == null ? "" : owner;
    }

    /** A lasting subscription to {@code type} with {@code filter}, no time-out. */
    public static SubscriptionSpec of(String type, EventFilter filter, String owner) {
        return new SubscriptionSpec(type, filter, owner, false, 0, null, null);
    }
}
