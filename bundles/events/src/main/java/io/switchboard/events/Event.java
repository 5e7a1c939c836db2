package io.switchboard.events;

import java.util.Map;

/**
 * One event of the platform: a type ({@code REGISTER}, {@code DIALOG}, ...; see {@link EventTypes}) and its
 * attributes, every value a string so that a filter compares them without knowing the publisher's types.
 *
 * @param type       the event type
 * @param attributes name to value, read-only
 * @param timestamp  epoch millis when it was published
 * @param sequence   the bus's running number of published events (orders the events of one publisher)
 */
public record Event(String type, Map<String, String> attributes, long timestamp, long sequence) {

    public Event {
        attributes = Map.copyOf(attributes);
    }

    /** The attribute's value, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
