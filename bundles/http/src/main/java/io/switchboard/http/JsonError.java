package io.switchboard.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** The one JSON error shape of the platform's HTTP API: {@code {"error": "...", "status": N}}. */
public final class JsonError {

    private JsonError() {}

    /** The error body (the REST binding writes it as JSON). */
    public static Map<String, Object> body(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        return m;
    }

    /** Answers the exchange of a REST route with this error. */
    public static void reply(Exchange exchange, int status, String message) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body(status, message));
    }

    /** The error as JSON text, for code that writes responses itself. */
    public static String json(int status, String message) {
        return "{\"error\":\"" + escape(message) + "\",\"status\":" + status + "}";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
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
        return sb.toString();
    }
}
