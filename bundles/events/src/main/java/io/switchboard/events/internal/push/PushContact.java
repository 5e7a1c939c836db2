package io.switchboard.events.internal.push;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact URI and its RFC 8599 push parameters ({@code pn-provider}, {@code pn-prid}, {@code pn-param}, from the
 * URI's parameters as the registrar stores them). Push-capable: it has a provider and a PRID, so a push can wake the
 * device and its REGISTER can be told from any other REGISTER of the AoR by its {@code pn-prid}.
 */
record PushContact(String uri, String provider, String prid, String param) {

    static PushContact of(String uri) {
        return new PushContact(
                uri, uriParameter(uri, "pn-provider"), uriParameter(uri, "pn-prid"), uriParameter(uri, "pn-param"));
    }

    boolean pushCapable() {
        return provider != null && prid != null;
    }

    /** The contacts of a SipTargets header: a list, or one URI as text. */
    static List<PushContact> of(Object targets) {
        List<PushContact> out = new ArrayList<>();
        if (targets instanceof Iterable<?> list) {
            list.forEach(t -> out.add(of(String.valueOf(t))));
        } else if (targets != null && !targets.toString().isBlank()) {
            out.add(of(targets.toString().trim()));
        }
        return out;
    }

    /** {@code user@host} of a SIP URI (scheme, port, parameters and headers left out), or null. */
    static String aor(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.trim();
        int lt = u.indexOf('<');
        if (lt >= 0) {
            int gt = u.indexOf('>', lt);
            u = u.substring(lt + 1, gt < 0 ? u.length() : gt);
        }
        int colon = u.indexOf(':');
        if (colon >= 0 && u.substring(0, colon).matches("sips?")) {
            u = u.substring(colon + 1);
        }
        int end = u.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = u.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        u = u.substring(0, end);
        int at = u.indexOf('@');
        int port = u.indexOf(':', at + 1);
        return port < 0 ? u : u.substring(0, port);
    }

    /** The value of a URI parameter ({@code ;name=value}, before any {@code ?headers}), or null. */
    static String uriParameter(String uri, String name) {
        int q = uri.indexOf('?');
        String u = q < 0 ? uri : uri.substring(0, q);
        String[] parts = u.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(name)) {
                return parts[i].substring(eq + 1).trim();
            }
        }
        return null;
    }
}
