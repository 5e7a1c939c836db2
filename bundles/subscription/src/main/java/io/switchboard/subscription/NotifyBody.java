package io.switchboard.subscription;

import java.nio.charset.StandardCharsets;

/** The body of a NOTIFY: content type and bytes; {@link #NONE} for a NOTIFY without body. */
public record NotifyBody(String contentType, byte[] body) {

    public static final NotifyBody NONE = new NotifyBody(null, null);

    public static NotifyBody text(String contentType, String body) {
        return new NotifyBody(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isEmpty() {
        return contentType == null || body == null || body.length == 0;
    }

    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
    }
}
