package io.switchboard.registrar.internal.rest;

import io.switchboard.registrar.ContactBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape (maps and lists, written by the REST binding) of registrations. */
final class RegistrationsJson {

    private RegistrationsJson() {}

    /** One AoR with its live contacts. */
    static Map<String, Object> aor(String aor, List<ContactBinding> contacts, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aor", aor);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ContactBinding c : contacts) {
            list.add(contact(c, now));
        }
        m.put("contacts", list);
        return m;
    }

    static Map<String, Object> contact(ContactBinding c, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", c.uri());
        m.put("expires", c.expiresIn(now));
        m.put("expiresAt", Instant.ofEpochMilli(c.expiresAt()).toString());
        m.put("registeredAt", Instant.ofEpochMilli(c.registeredAt()).toString());
        m.put("source", c.source());
        m.put("transport", part(c.source(), 0));
        m.put("receivedAddress", part(c.source(), 1));
        m.put("receivedPort", port(part(c.source(), 2)));
        m.put("userAgent", c.userAgent());
        m.put("callId", c.callId());
        m.put("cseq", c.cseq());
        return m;
    }

    /**
     * The AoR key of the location table for what a client put in the path: {@code user@domain} or
     * {@code sip:user@domain}, domain case-insensitive; null when it is not an AoR.
     */
    static String normalize(String aor) {
        if (aor == null) {
            return null;
        }
        String a = aor.trim();
        if (a.regionMatches(true, 0, "sip:", 0, 4)) {
            a = a.substring(4);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return null;
        }
        return a.substring(0, at) + "@" + a.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code transport:address:port}; an IPv6 address keeps its colons (the port is after the last one). */
    private static String part(String source, int index) {
        if (source == null) {
            return null;
        }
        int first = source.indexOf(':');
        int last = source.lastIndexOf(':');
        if (first < 0 || last == first) {
            return index == 0 ? source : null;
        }
        return switch (index) {
            case 0 -> source.substring(0, first);
            case 1 -> source.substring(first + 1, last);
            default -> source.substring(last + 1);
        };
    }

    private static Integer port(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
