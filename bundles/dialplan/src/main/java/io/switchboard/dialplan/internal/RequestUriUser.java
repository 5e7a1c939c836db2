package io.switchboard.dialplan.internal;

import java.util.Locale;

/**
 * The user part of a SIP or tel URI, read and replaced as text (Kamailio's {@code $rU}): between the scheme's colon
 * and the {@code @} of {@code sip:}/{@code sips:}, the number of a {@code tel:} URI up to its parameters. Text,
 * because the dial plan must work on what the route set in {@code SipRequestUri}, whoever set it.
 */
final class RequestUriUser {

    private RequestUriUser() {}

    /** The user of {@code uri}, or null when it has none. */
    static String get(String uri) {
        int[] span = span(uri);
        return span == null ? null : uri.substring(span[0], span[1]);
    }

    /** {@code uri} with its user replaced by {@code user}; null when it has no user. */
    static String set(String uri, String user) {
        int[] span = span(uri);
        return span == null ? null : uri.substring(0, span[0]) + user + uri.substring(span[1]);
    }

    private static int[] span(String uri) {
        if (uri == null) {
            return null;
        }
        String lower = uri.length() > 5 ? uri.substring(0, 5).toLowerCase(Locale.ROOT) : "";
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return null;
        }
        if (lower.startsWith("tel:")) {
            int end = uri.indexOf(';', colon);
            return new int[] {colon + 1, end < 0 ? uri.length() : end};
        }
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            return null;
        }
        int at = uri.indexOf('@', colon);
        if (at < 0) {
            return null;
        }
        int password = uri.indexOf(':', colon + 1);
        return new int[] {colon + 1, password > 0 && password < at ? password : at};
    }
}
