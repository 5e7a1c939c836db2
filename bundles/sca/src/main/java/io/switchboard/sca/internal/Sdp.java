package io.switchboard.sca.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Hold detection in an SDP body (as Kamailio's is_on_hold): a stream {@code sendonly}/{@code inactive}, or c= 0.0.0.0.
 */
final class Sdp {

    private Sdp() {}

    /** True when the body is an SDP offer or answer that puts the call on hold; false for no body. */
    static boolean held(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        for (String line : new String(body, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            String l = line.trim().toLowerCase(Locale.ROOT);
            if (l.equals("a=sendonly")
                    || l.equals("a=inactive")
                    || (l.startsWith("c=") && (l.endsWith(" 0.0.0.0") || l.contains(" 0.0.0.0/")))) {
                return true;
            }
        }
        return false;
    }

    /** True when the body has any SDP at all (a re-INVITE without body says nothing about hold). */
    static boolean present(byte[] body) {
        return body != null && body.length > 0;
    }
}
