package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;

/**
 * Removes single values from a multi-valued header ({@code Require: sec-agree, 100rel} less {@code sec-agree}),
 * whatever the stack's class for that header: the values are read as text (split at commas outside quotes and
 * angle brackets), a value is dropped when its first token (before {@code ;} parameters) equals one to remove,
 * ignoring case, and the header is written back with the others, or removed when none is left. Text, because
 * the stack parses {@code Require}, {@code Supported}, {@code Allow} and extension headers into different types.
 */
final class HeaderValues {

    private HeaderValues() {}

    /** Drops the {@code values} from every {@code name} header of {@code message}; nothing happens when absent. */
    static void remove(SIPMessage message, String name, Collection<String> values) throws ParseException {
        String headerName = HeaderNames.expand(name.trim());
        ListIterator<SIPHeader> it = message.getHeaders(headerName);
        if (!it.hasNext()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        while (it.hasNext()) {
            for (String v : split(SipMessageAdapter.value(it.next()))) {
                if (matches(v, values)) {
                    changed = true;
                } else {
                    kept.add(v);
                }
            }
        }
        if (!changed) {
            return;
        }
        message.removeHeader(headerName);
        if (!kept.isEmpty()) {
            HeaderMapping.putHeader(message, headerName, String.join(", ", kept));
        }
    }

    private static boolean matches(String value, Collection<String> values) {
        int semi = value.indexOf(';');
        String token = (semi < 0 ? value : value.substring(0, semi)).trim();
        for (String v : values) {
            if (v.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated values of one header value, trimmed, blanks dropped. */
    static List<String> split(String headerValue) {
        List<String> out = new ArrayList<>(4);
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < headerValue.length(); i++) {
            char c = headerValue.charAt(i);
            if (c == '"' && (i == 0 || headerValue.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (c == ',' && !quoted && angle == 0) {
                addTrimmed(out, headerValue.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(out, headerValue.substring(start));
        return out;
    }

    private static void addTrimmed(List<String> out, String s) {
        String t = s.trim();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
