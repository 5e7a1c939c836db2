package io.switchboard.events.publish;

import io.switchboard.events.EventBus;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The event bus's publishing service as a bundle that publishes holds it: the optional, dynamic reference of a DS
 * component to the {@code BiConsumer<String, Map<String, ?>>} the bus registers with {@link #TARGET}, bound and
 * unbound by the component's one-line reference methods, and a {@link #publish} that does nothing while no bus is
 * there. Why one class: eight bundles kept the same volatile field and null check, each its own copy.
 * <p>
 * Not imported from bundles/events: a publishing bundle carries this package privately ({@code Private-Package},
 * as {@code io.switchboard.settings}), so it resolves and runs whether or not the bus is installed, as the JDK type
 * of the reference promised. An exception of the publishing service reaches the caller, as it did from the copies
 * this replaces: nothing is caught or logged here (the bus keeps its subscribers' failures to itself, counted and
 * logged as dropped deliveries).
 */
public final class EventPublisher {

    /** The target filter of the reference: the bus's publishing service ({@link EventBus#PUBLISH_TARGET}). */
    public static final String TARGET = EventBus.PUBLISH_TARGET;

    /**
     * The longest text an event attribute carries, in characters: a longer value (most come from the wire) is cut
     * with {@link #cut}, so that one oversized header cannot swell every subscriber's copy of the event.
     */
    public static final int MAX_VALUE = 256;

    private final AtomicReference<BiConsumer<String, Map<String, ?>>> bus = new AtomicReference<>();

    /** A handle with no bus, until {@link #bind}. */
    public EventPublisher() {}

    /** A handle bound to {@code bus} (tests, fixtures). */
    public static EventPublisher of(BiConsumer<String, Map<String, ?>> bus) {
        EventPublisher p = new EventPublisher();
        p.bind(bus);
        return p;
    }

    /** The reference's bind method: {@code bus} is the one to publish to (a greedy rebind comes before the unbind). */
    public void bind(BiConsumer<String, Map<String, ?>> bus) {
        this.bus.set(Objects.requireNonNull(bus, "bus"));
    }

    /** The reference's unbind method: {@code bus} is gone; a newer one bound already stays. */
    public void unbind(BiConsumer<String, Map<String, ?>> bus) {
        this.bus.compareAndSet(bus, null);
    }

    /** Whether a bus is there: callers build an event's attributes only then. */
    public boolean on() {
        return bus.get() != null;
    }

    /** Publishes the event when a bus is there; nothing happens otherwise. */
    public void publish(String type, Map<String, ?> attributes) {
        BiConsumer<String, Map<String, ?>> out = bus.get();
        if (out != null) {
            out.accept(type, attributes);
        }
    }

    /** {@code value} cut at {@link #MAX_VALUE} characters; null stays null. */
    public static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
