package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.header.RouteHeader;

/**
 * What the proxy does with the Route headers of a new request (no To tag), setting {@code preloaded_route} of PID
 * {@code io.switchboard.proxy}. A new request has no route set yet: a Route on it was put there by the sender
 * ("preloaded", RFC 3261 8.1.2), and following it would let any sender use the proxy as a relay to any host, past the
 * local-domain checks and past the location of the user it calls.
 * <ul>
 * <li>{@link #REMOVE} (default): every Route of a new request is removed before it is relayed, as Kamailio's stock
 * configuration does ({@code remove_hf("Route")} in its request_route); the request then goes where the route's
 * targets or its Request-URI say. A phone with an outbound proxy set (a Route to us, perhaps with a stale one after
 * it) keeps working.</li>
 * <li>{@link #REFUSE}: a new request with a Route that is not us is answered {@code 403 Forbidden (preloaded
 * Route)} and never relayed: for a platform whose peers are known, where such a request is a misconfiguration or an
 * attack that the sender should hear about. A Route to us alone is still accepted (an outbound proxy).</li>
 * </ul>
 */
enum PreloadedRoutes {
    REMOVE,
    REFUSE;

    /** The setting's value ({@code remove}, {@code refuse}, any case); null when it is neither. */
    static PreloadedRoutes parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "remove" -> REMOVE;
            case "refuse" -> REFUSE;
            default -> null;
        };
    }

    /** True when {@code r} has a Route header that is not us. */
    static boolean foreign(ConnectorConfig c, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) {
            if (!ProxyRouting.isUs(c, ((RouteHeader) it.next()).getAddress().getURI())) {
                return true;
            }
        }
        return false;
    }

    /** Removes every Route of a new request (ours, if any, included: a request for us is relayed from here). */
    static void remove(SIPRequest r) {
        r.removeHeader(RouteHeader.NAME);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
