package io.switchboard.callfwd.internal;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where a call may be forwarded: a target in one of our domains (a local user, looked up in the location service) is
 * always allowed; one outside only when it matches a pattern of {@code external_allow}, which is empty by default,
 * because a forward to a premium or international number is the classic toll fraud of a hijacked account.
 */
final class TargetPolicy {

    private final Predicate<String> localDomain;

    /** @param localDomain true for a host (lower case) that is one of the platform's domains */
    TargetPolicy(Predicate<String> localDomain) {
        this.localDomain = localDomain;
    }

    /**
     * The SIP URI of a stored forward target: a {@code sip:}/{@code sips:} URI as it is, {@code user@host} with
     * {@code sip:} added, a bare number or name as a user of {@code domain} (phones send the number dialled).
     *
     * @return null when it cannot be a SIP target (blank, a tel: or other scheme, spaces, angle brackets)
     */
    static String normalize(String forwardTo, String domain) {
        if (forwardTo == null) {
            return null;
        }
        String t = forwardTo.trim();
        if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f)) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            return host(t) == null ? null : t;
        }
        if (t.indexOf(':') >= 0 && t.indexOf('@') < 0) {
            return null; // tel: and other schemes: the proxy relays SIP URIs only
        }
        String uri = t.indexOf('@') > 0 ? "sip:" + t : "sip:" + t + "@" + domain;
        return host(uri) == null ? null : uri;
    }

    /** The host of a SIP URI, lower case; null when it has none. */
    static String host(String uri) {
        int colon = uri.indexOf(':');
        String rest = colon < 0 ? uri : uri.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String hostPart = at < 0 ? rest : rest.substring(at + 1);
        int end = hostPart.length();
        for (int i = 0; i < hostPart.length(); i++) {
            char c = hostPart.charAt(i);
            if (c == ';' || c == '?' || c == '>' || (c == ':' && !hostPart.startsWith("["))) {
                end = i;
                break;
            }
            if (c == ']') {
                end = i + 1;
                break;
            }
        }
        String h = hostPart.substring(0, end).trim().toLowerCase(Locale.ROOT);
        return h.isEmpty() ? null : h;
    }

    /** True when the target's host is {@code userDomain} (the forwarding user's, ours) or one of our domains. */
    boolean isLocal(String uri, String userDomain) {
        String h = host(uri);
        return h != null && (h.equalsIgnoreCase(userDomain) || localDomain.test(h));
    }

    /** True when the target is local or matches one of {@code allow} as a whole. */
    boolean allowed(String uri, String userDomain, Iterable<Pattern> allow) {
        if (isLocal(uri, userDomain)) {
            return true;
        }
        for (Pattern p : allow) {
            if (p.matcher(uri).matches()) {
                return true;
            }
        }
        return false;
    }
}
