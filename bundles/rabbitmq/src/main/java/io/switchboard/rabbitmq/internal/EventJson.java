package io.switchboard.rabbitmq.internal;

import io.switchboard.events.Event;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body of an exported event: {@code {"type":..,"sequence":..,"timestamp":..,"attributes":{..}}}, every
 * attribute a string (as on the bus), attributes in name order so that equal events give equal bytes. Written by
 * hand: the event is flat text, and the bundle then needs no JSON library at run time.
 */
final class EventJson {

    private EventJson() {}

    static byte[] bytes(Event event) {
        return text(event).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Event event) {
        StringBuilder sb = new StringBuilder(64 + 32 * event.attributes().size());
        sb.append("{\"type\":");
        string(sb, event.type());
        sb.append(",\"sequence\":").append(event.sequence());
        sb.append(",\"timestamp\":").append(event.timestamp());
        sb.append(",\"attributes\":{");
        boolean first = true;
        for (Map.Entry<String, String> a : new TreeMap<>(event.attributes()).entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, a.getKey());
            sb.append(':');
            string(sb, a.getValue());
        }
        return sb.append("}}").toString();
    }

    /** A JSON string (RFC 8259): quote, backslash and control characters escaped. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
