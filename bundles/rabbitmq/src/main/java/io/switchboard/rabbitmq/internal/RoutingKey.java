package io.switchboard.rabbitmq.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing key of an event, from the {@code routing_key} pattern: {@code {type}} is the event type, {@code {key}}
 * the attribute that names what the event is about (the {@code aor} of a contact event, the {@code call_id} of a
 * dialog event; for another type {@code call_id}, else {@code aor}), {@code {NAME}} the attribute NAME; an absent
 * attribute is empty. Values go in verbatim (an AoR's dots make more words of a topic key: bind {@code REGISTER.#}),
 * so a consumer binds the exact key of one AoR or call. AMQP allows 255 bytes: a longer key is cut there.
 */
final class RoutingKey {

    /** AMQP 0-9-1 short string: the longest routing key. */
    static final int MAX_BYTES = 255;

    private final String pattern;
    /** Literal text and placeholders, alternating: a placeholder is kept as its name in braces. */
    private final List<String> parts;

    private RoutingKey(String pattern, List<String> parts) {
        this.pattern = pattern;
        this.parts = parts;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException for a brace that is not closed
     */
    static RoutingKey parse(String pattern) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf('{', i);
            if (open < 0) {
                parts.add(pattern.substring(i));
                break;
            }
            int close = pattern.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("routing_key '" + pattern + "': '{' at " + open + " is not closed");
            }
            if (open > i) {
                parts.add(pattern.substring(i, open));
            }
            parts.add(pattern.substring(open, close + 1));
            i = close + 1;
        }
        return new RoutingKey(pattern, List.copyOf(parts));
    }

    /** The key of this event. */
    String of(Event event) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.length() >= 2 && part.charAt(0) == '{' && part.charAt(part.length() - 1) == '}') {
                sb.append(value(event, part.substring(1, part.length() - 1)));
            } else {
                sb.append(part);
            }
        }
        return cut(sb.toString());
    }

    private static String value(Event event, String name) {
        String v = switch (name) {
            case "type" -> event.type();
            case "key" -> keyAttribute(event);
            default -> event.attribute(name);
        };
        return v == null ? "" : v;
    }

    /** What the event is about: the AoR of a contact, the Call-ID of a dialog. */
    static String keyAttribute(Event event) {
        return switch (event.type()) {
            case EventTypes.REGISTER, EventTypes.CONTACT_EXPIRED -> event.attribute("aor");
            case EventTypes.DIALOG -> event.attribute("call_id");
            default -> event.attribute("call_id") != null ? event.attribute("call_id") : event.attribute("aor");
        };
    }

    private static String cut(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return key;
        }
        int end = MAX_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // not inside a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
