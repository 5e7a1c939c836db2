package io.switchboard.subscription;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The content of a NOTIFY: content type and bytes of the body, plus extra headers (a package whose state travels
 * in a header, as SCA's {@code Call-Info}, sends headers and no body: Content-Length 0).
 * {@link #NONE} is a NOTIFY without body nor extra header.
 */
public record NotifyBody(String contentType, byte[] body, Map<String, String> headers) {

    public static final NotifyBody NONE = new NotifyBody(null, null, Map.of());

    public NotifyBody {
        headers = headers == null ? Map.of() : headers;
    }

    public NotifyBody(String contentType, byte[] body) {
        this(contentType, body, Map.of());
    }

    public static NotifyBody text(String contentType, String body) {
        return new NotifyBody(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A NOTIFY without body carrying these headers (name to value, in this order). */
    public static NotifyBody headersOnly(Map<String, String> headers) {
        return new NotifyBody(null, null, headers);
    }

    public boolean isEmpty() {
        return contentType == null || body == null || body.length == 0;
    }

    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
    }
}
