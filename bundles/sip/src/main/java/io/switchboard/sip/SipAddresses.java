package io.switchboard.sip;

import java.util.Locale;

/** Plain-string helpers for SIP addresses, for bundles that see headers as strings (no javax.sip types). */
public final class SipAddresses {

    private SipAddresses() {}

    /**
     * {@code user@domain} of a SIP URI or name-addr: no scheme, display brackets, port, parameters or headers;
     * the domain lower case (RFC 3261 19.1.4: host names compare case-insensitively, user parts do not).
     *
     * @return null when there is no scheme or no user part
     */
    public static String aor(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.trim();
        int lt = u.indexOf('<');
        int gt = u.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            u = u.substring(lt + 1, gt);
        }
        int colon = u.indexOf(':');
        if (colon < 0) {
            return null;
        }
        u = u.substring(colon + 1);
        int at = u.lastIndexOf('@');
        if (at <= 0) {
            return null;
        }
        String user = u.substring(0, at);
        String host = u.substring(at + 1);
        int end = host.length();
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if (ch == ';' || ch == '?' || (ch == ':' && !host.startsWith("["))) {
                end = i;
                break;
            }
            if (ch == ']') {
                end = i + 1;
                break;
            }
        }
        return user + "@" + host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
