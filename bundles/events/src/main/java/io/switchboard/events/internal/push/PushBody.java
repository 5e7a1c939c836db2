package io.switchboard.events.internal.push;

import java.util.Map;

/**
 * The body of one push: the template of {@code body_template} with {@code {name}} placeholders replaced by the
 * JSON-escaped values (absent: empty), so a value with a quote cannot break the gateway's JSON.
 */
final class PushBody {

    private PushBody() {}

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", escape(v.getValue()));
        }
        return out;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
