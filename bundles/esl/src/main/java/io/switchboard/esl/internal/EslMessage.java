package io.switchboard.esl.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame of the Event Socket: its header block (values already URL-decoded, in wire order) and its body (the
 * Content-Length bytes, or null when there were none). FreeSWITCH looks header names up without regard to case, so
 * {@link #header} does too.
 */
public final class EslMessage {

    /** The frame types FreeSWITCH sends (header {@code Content-Type}). */
    public static final String AUTH_REQUEST = "auth/request";

    public static final String COMMAND_REPLY = "command/reply";
    public static final String API_RESPONSE = "api/response";
    public static final String EVENT_PLAIN = "text/event-plain";
    public static final String EVENT_JSON = "text/event-json";
    public static final String EVENT_XML = "text/event-xml";
    public static final String DISCONNECT_NOTICE = "text/disconnect-notice";
    public static final String RUDE_REJECTION = "text/rude-rejection";
    public static final String LOG_DATA = "log/data";

    private final Map<String, String> headers;
    private final String body;

    public EslMessage(Map<String, String> headers, String body) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    /** The headers in wire order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The value of a header, its name in any case; null when absent. */
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

    /** Content-Type, or the empty string when the frame has none. */
    public String contentType() {
        String t = header("Content-Type");
        return t == null ? "" : t.trim();
    }

    /** The body, null when the frame had no Content-Length. */
    public String body() {
        return body;
    }

    /**
     * The result text of a reply: {@code Reply-Text} of a command/reply, the body of an api/response (without its
     * final line break).
     */
    public String replyText() {
        if (API_RESPONSE.equals(contentType())) {
            return body == null ? "" : body.stripTrailing();
        }
        String r = header("Reply-Text");
        return r == null ? "" : r.stripTrailing();
    }

    /** True when {@link #replyText} reports an error ({@code -ERR ...}, or {@code -USAGE} of an api command). */
    public boolean isError() {
        String r = replyText();
        return r.startsWith("-ERR") || r.startsWith("-USAGE");
    }

    @Override
    public String toString() {
        return "EslMessage" + headers + (body == null ? "" : " + " + body.length() + " chars");
    }
}
