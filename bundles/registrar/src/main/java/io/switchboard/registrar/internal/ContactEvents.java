package io.switchboard.registrar.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.registrar.ContactBinding;
import java.util.HashMap;
import java.util.Map;

/**
 * Contact changes as events of the platform's bus (bundles/events, types {@code REGISTER} and
 * {@code CONTACT_EXPIRED}), published through its optional publishing service: nothing happens while the bus is not
 * installed. The RFC 8599 push parameters of the contact URI ({@code pn-provider}, {@code pn-prid},
 * {@code pn-param}) are attributes of their own, so that a route can wait for the REGISTER of one device.
 */
final class ContactEvents {

    static final ContactEvents NONE = new ContactEvents(new EventPublisher());
    private static final String[] PUSH = {"pn-provider", "pn-prid", "pn-param"};

    private final EventPublisher bus;

    ContactEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /** {@code change}: registered, refreshed, removed (a REGISTER) or expired (housekeeping). */
    void publish(String change, ContactBinding b, long nowMillis) {
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("aor", b.aor());
        a.put("contact", b.uri());
        a.put("change", change);
        a.put("expires", "removed".equals(change) || "expired".equals(change) ? 0 : b.expiresIn(nowMillis));
        a.put("source", b.source());
        a.put("user_agent", b.userAgent());
        a.put("call_id", b.callId());
        for (String p : PUSH) {
            a.put(p, uriParameter(b.uri(), p));
        }
        bus.publish("expired".equals(change) ? "CONTACT_EXPIRED" : "REGISTER", a);
    }

    /** The value of a URI parameter ({@code ;name=value}, before any {@code ?headers}), or null. */
    static String uriParameter(String uri, String name) {
        int q = uri.indexOf('?');
        String u = q < 0 ? uri : uri.substring(0, q);
        for (String part : u.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
