package io.switchboard.store.internal.rest;

import io.switchboard.http.RestException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A subscriber as a REST client sends it, {@code {"username": "...", "domain": "...", "password": "..."}},
 * checked before it reaches the store: anything wrong is a 400 with the reason.
 */
record SubscriberInput(String username, String domain, String password) {

    /** RFC 3261 user part: unreserved, escaped and user-unreserved characters (no '@', ':', spaces). */
    private static final Pattern USER = Pattern.compile("([A-Za-z0-9\\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+");
    /** A host name (labels of letters, digits, hyphens), an IPv4 address or a bracketed IPv6 reference. */
    private static final Pattern DOMAIN =
            Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,"
                    + "61}[A-Za-z0-9])?)*\\.?|\\[[0-9A-Fa-f:.]+\\]");

    static SubscriberInput from(Object body) {
        if (!(body instanceof Map<?, ?> json)) {
            throw new RestException(400, "expected a JSON object {\"username\", \"domain\", \"password\"}");
        }
        String username = text(json, "username", 64);
        String domain = text(json, "domain", 253).toLowerCase(Locale.ROOT);
        String password = text(json, "password", 128);
        if (!USER.matcher(username).matches()) {
            throw new RestException(400, "username has characters a SIP user part cannot carry: " + username);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new RestException(400, "domain is not a host name or IP address: " + domain);
        }
        for (char c : password.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new RestException(400, "password has control characters");
            }
        }
        return new SubscriberInput(username, domain, password);
    }

    /** {@code user@domain} of a path, split; 400 when it is not one. */
    static String[] aor(String aor) {
        String a = aor == null ? "" : aor.trim();
        if (a.regionMatches(true, 0, "sip:", 0, 4)) {
            a = a.substring(4);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            throw new RestException(400, "expected user@domain, got " + aor);
        }
        return new String[] {a.substring(0, at), a.substring(at + 1).toLowerCase(Locale.ROOT)};
    }

    /** A boolean query parameter: absent is false, {@code true}/{@code false} (any case); anything else is a 400. */
    static boolean flag(String value, String name) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new RestException(400, name + " must be true or false, got " + value);
    }

    private static String text(Map<?, ?> json, String field, int maxLength) {
        Object v = json.get(field);
        if (v == null) {
            throw new RestException(400, field + " is required");
        }
        if (!(v instanceof String s)) {
            throw new RestException(400, field + " must be a string");
        }
        if (s.isEmpty()) {
            throw new RestException(400, field + " must not be empty");
        }
        if (s.length() > maxLength) {
            throw new RestException(400, field + " is longer than " + maxLength + " characters");
        }
        return s;
    }
}
