package io.switchboard.esl.internal;

import io.netty.handler.codec.CorruptedFrameException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a header block of the Event Socket ({@code Name: value} lines, LF or CRLF), the outer one of every frame
 * and the inner one of a {@code text/event-plain} body. Every value is URL-decoded: FreeSWITCH encodes the values of
 * events and of the outbound {@code connect} reply (a CHANNEL_DATA event whose {@code Reply-Text} reads
 * {@code %2BOK}), and decoding a value that was not encoded leaves it as it is. A line that is not a header is
 * garbage: the peer is not speaking the protocol, and the connection is dropped rather than guessed at.
 */
final class HeaderBlock {

    private HeaderBlock() {}

    static Map<String, String> parse(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        int start = 0;
        int n = block.length();
        while (start < n) {
            int end = block.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = block.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isName(line, colon)) {
                throw new CorruptedFrameException("not an Event Socket header line: " + excerpt(line));
            }
            String value = line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            headers.put(line.substring(0, colon), UrlDecoding.decode(value));
        }
        return headers;
    }

    /** A header name: printable ASCII without spaces (FreeSWITCH's are letters, digits, '-', '_' and ':'). */
    private static boolean isName(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    static String excerpt(String s) {
        String e = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder sb = new StringBuilder();
        for (char c : e.toCharArray()) {
            sb.append(c < ' ' || c > '~' ? '?' : c);
        }
        return "'" + sb + "'";
    }
}
