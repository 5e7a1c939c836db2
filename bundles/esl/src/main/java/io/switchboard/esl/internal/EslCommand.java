package io.switchboard.esl.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command to FreeSWITCH: its first line ({@code api status}, {@code sendmsg}), header lines, an optional body with
 * its Content-Length, and the empty line that ends it. A line break inside the command line or a header would end
 * the command early and smuggle the rest in as a second command (a route that builds {@code api uuid_kill
 * ${header.x}} from caller input would be an injection), so it is refused here, once for every caller.
 */
public final class EslCommand {

    private final String line;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private EslCommand(String line) {
        this.line = checked("command", line);
        if (line.isBlank()) {
            throw new IllegalArgumentException("empty Event Socket command");
        }
    }

    public static EslCommand of(String line) {
        return new EslCommand(line);
    }

    public EslCommand header(String name, String value) {
        headers.put(checked("header name", name), checked("header " + name, value));
        return this;
    }

    /** A body sent with {@code content-length} (e.g. a sendmsg argument too long or not safe for a header). */
    public EslCommand body(String text) {
        this.body = text;
        return this;
    }

    public String line() {
        return line;
    }

    /** The command on the wire. */
    public String text() {
        StringBuilder sb = new StringBuilder(line).append('\n');
        for (Map.Entry<String, String> h : headers.entrySet()) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
        if (body != null) {
            sb.append("content-length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length)
                    .append("\n\n")
                    .append(body);
        } else {
            sb.append('\n');
        }
        return sb.toString();
    }

    public ByteBuf bytes() {
        return Unpooled.copiedBuffer(text(), StandardCharsets.UTF_8);
    }

    /** What may be logged: an auth command without its password. */
    @Override
    public String toString() {
        if (line.startsWith("auth ") || line.startsWith("userauth ")) {
            return line.substring(0, line.indexOf(' ')) + " ********";
        }
        return line;
    }

    private static String checked(String what, String s) {
        if (s == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line break in an Event Socket " + what
                    + " would start another command: " + HeaderBlock.excerpt(s));
        }
        return s;
    }
}
