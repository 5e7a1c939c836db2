package io.switchboard.esl.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FreeSWITCH event, whatever its wire format: its headers ({@code Event-Name}, {@code Unique-ID},
 * {@code variable_*} ...) decoded, and its own body (a BACKGROUND_JOB's output, for one), null when it has none.
 */
public final class EslEvent {

    private final Map<String, String> headers;
    private final String body;

    public EslEvent(Map<String, String> headers, String body) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A header, its name in any case. */
    public String header(String name) {
        String v = headers.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public String name() {
        String n = header("Event-Name");
        return n == null ? "" : n;
    }

    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return "EslEvent[" + name() + " " + headers.size() + " headers" + (body == null ? "" : ", body") + "]";
    }
}
