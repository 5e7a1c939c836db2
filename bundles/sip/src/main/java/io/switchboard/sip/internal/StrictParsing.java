package io.switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The checks of RFC 3261 (7.1, 7.3, 18.3, 20) that JAIN-SIP's parser does not make, run on the raw bytes of a request
 * before it is parsed: it serves a request whose version is not SIP/2.0, keeps one of two Call-IDs, takes control
 * characters inside header values and a datagram cut short, and drops a non-numeric {@code Expires} (so the request
 * was then challenged as if it had none). One pass over the header block, no regular expressions: it runs for every
 * request.
 * <p>
 * What is refused, with a reason that says what is wrong with the message (and nothing of the software):
 * <ul>
 * <li>{@code 505 Version Not Supported}: a request line that ends in another {@code SIP/x.y} (RFC 3261 21.5.7;
 *     the version is case-insensitive, RFC 3261 7.1);</li>
 * <li>{@code 400 Bad Request (<Header> repeated)}: a second Call-ID, CSeq, From, To, Max-Forwards or Content-Length,
 *     compact forms included (RFC 3261 7.3, 20: single-valued);</li>
 * <li>{@code 400 Bad Request (control character in <Header>)}: a byte below 0x20 other than HT, or DEL, in a header
 *     line (RFC 3261 25.1: header values are TEXT-UTF8 and LWS);</li>
 * <li>{@code 400 Bad Request (message truncated)}: over UDP, a datagram that ends inside its header block, or whose
 *     body is shorter than its Content-Length (RFC 3261 18.3);</li>
 * <li>{@code 400 Bad Request (Expires not a number)}: RFC 3261 20.19, delta-seconds.</li>
 * </ul>
 * Valid but unusual forms pass: header lines folded onto the next (a line starting with SP or HT continues the
 * header), compact and odd-case names, whitespace before the colon, LF alone as line end, bytes above 0x7F (UTF-8).
 */
final class StrictParsing {

    /** Why a request is refused. */
    record Refusal(int status, String reason) {}

    private static final int CALL_ID = 1;
    private static final int CSEQ = 2;
    private static final int FROM = 4;
    private static final int TO = 8;
    private static final int MAX_FORWARDS = 16;
    private static final int CONTENT_LENGTH = 32;

    private StrictParsing() {}

    /**
     * @param msg      the whole message as received (a datagram, or one message framed by the TCP reader)
     * @param datagram true over UDP: the message must hold its whole body
     * @return null when nothing is wrong
     */
    static Refusal check(byte[] msg, boolean datagram) {
        int n = msg.length;
        int eol = indexOf(msg, 0, n, (byte) '\n');
        if (eol < 0) {
            return datagram ? new Refusal(400, "Bad Request (message truncated)") : null;
        }
        Refusal version = version(msg, lineEnd(msg, 0, eol));
        if (version != null) {
            return version;
        }
        int seen = 0;
        String current = null;
        long contentLength = 0;
        int pos = eol + 1;
        while (true) {
            if (pos >= n) {
                return datagram ? new Refusal(400, "Bad Request (message truncated)") : null;
            }
            int lf = indexOf(msg, pos, n, (byte) '\n');
            if (lf < 0) {
                // the last line has no end: the header block never ended
                return datagram ? new Refusal(400, "Bad Request (message truncated)") : null;
            }
            int end = lineEnd(msg, pos, lf);
            if (end == pos) {
                pos = lf + 1; // the empty line: the body follows
                break;
            }
            byte first = msg[pos];
            if (first == ' ' || first == '\t') {
                if (hasControl(msg, pos, end)) {
                    return controlIn(current);
                }
                pos = lf + 1;
                continue;
            }
            int colon = indexOf(msg, pos, end, (byte) ':');
            if (colon < 0) {
                if (hasControl(msg, pos, end)) {
                    return controlIn(null);
                }
                current = null; // not a header line: the parser answers it
                pos = lf + 1;
                continue;
            }
            String name = canonical(msg, pos, colon);
            current = name;
            if (hasControl(msg, pos, end)) {
                return controlIn(name);
            }
            int bit = singleValued(name);
            if (bit != 0) {
                if ((seen & bit) != 0) {
                    return new Refusal(400, "Bad Request (" + name + " repeated)");
                }
                seen |= bit;
            }
            if (bit == CONTENT_LENGTH) {
                contentLength = number(msg, colon + 1, end);
            } else if (name.equals("Expires") && number(msg, colon + 1, end) < 0) {
                return new Refusal(400, "Bad Request (Expires not a number)");
            }
            pos = lf + 1;
        }
        if (datagram && contentLength > 0 && n - pos < contentLength) {
            return new Refusal(400, "Bad Request (message truncated)");
        }
        return null;
    }

    /** 505 for a request line whose last word is a version other than SIP/2.0; null otherwise. */
    private static Refusal version(byte[] msg, int end) {
        int space = end - 1;
        while (space >= 0 && msg[space] != ' ') {
            space--;
        }
        int len = end - space - 1;
        if (space < 0 || len < 4 || !regionIgnoreCase(msg, space + 1, "SIP/")) {
            return null; // not a request line the parser would take: it answers that itself
        }
        if (len == 7 && regionIgnoreCase(msg, space + 1, "SIP/2.0")) {
            return null;
        }
        return new Refusal(505, "Version Not Supported");
    }

    private static Refusal controlIn(String header) {
        return new Refusal(
                400,
                header == null
                        ? "Bad Request (control character)"
                        : "Bad Request (control character in " + header + ")");
    }

    /** The end of a line without its CR, for a line from {@code start} to its LF at {@code lf}. */
    private static int lineEnd(byte[] msg, int start, int lf) {
        return lf > start && msg[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static boolean hasControl(byte[] msg, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = msg[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The header's full name in its usual spelling when it is one this class cares about, else as written. */
    private static String canonical(byte[] msg, int from, int colon) {
        int to = colon;
        while (to > from && (msg[to - 1] == ' ' || msg[to - 1] == '\t')) {
            to--;
        }
        String raw = new String(msg, from, to - from, StandardCharsets.ISO_8859_1);
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "call-id", "i" -> "Call-ID";
            case "cseq" -> "CSeq";
            case "from", "f" -> "From";
            case "to", "t" -> "To";
            case "max-forwards" -> "Max-Forwards";
            case "content-length", "l" -> "Content-Length";
            case "expires" -> "Expires";
            default -> raw;
        };
    }

    private static int singleValued(String name) {
        return switch (name) {
            case "Call-ID" -> CALL_ID;
            case "CSeq" -> CSEQ;
            case "From" -> FROM;
            case "To" -> TO;
            case "Max-Forwards" -> MAX_FORWARDS;
            case "Content-Length" -> CONTENT_LENGTH;
            default -> 0;
        };
    }

    /** The value as a non-negative number (capped), -1 when it is empty or not digits (whitespace around allowed). */
    private static long number(byte[] msg, int from, int to) {
        while (from < to && (msg[from] == ' ' || msg[from] == '\t')) {
            from++;
        }
        while (to > from && (msg[to - 1] == ' ' || msg[to - 1] == '\t')) {
            to--;
        }
        if (from == to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            byte b = msg[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            v = Math.min(v * 10 + (b - '0'), Integer.MAX_VALUE);
        }
        return v;
    }

    private static int indexOf(byte[] msg, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (msg[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionIgnoreCase(byte[] msg, int from, String s) {
        if (from + s.length() > msg.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toUpperCase((char) msg[from + i]) != Character.toUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
