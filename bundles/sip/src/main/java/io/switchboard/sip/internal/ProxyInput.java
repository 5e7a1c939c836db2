package io.switchboard.sip.internal;

import io.switchboard.sip.SipProxyHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;

/** What a route hands the proxy through {@link SipProxyHeaders}: targets and header edits. */
final class ProxyInput {

    private ProxyInput() {}

    /**
     * The header edits of {@code SipProxyRemoveHeaders}, {@code SipProxyHeader.<Name>} and
     * {@code SipProxyRemoveResponseHeaders}.
     */
    static ProxyEdits edits(Message m) {
        List<String> remove = list(m.getHeader(SipProxyHeaders.REMOVE_HEADERS));
        List<String> removeFromResponses = list(m.getHeader(SipProxyHeaders.REMOVE_RESPONSE_HEADERS));
        Map<String, Object> put = new LinkedHashMap<>();
        String prefix = SipProxyHeaders.HEADER_PREFIX;
        int n = prefix.length();
        for (Map.Entry<String, Object> e : m.getHeaders().entrySet()) {
            String k = e.getKey();
            if (k.length() > n && k.regionMatches(true, 0, prefix, 0, n) && e.getValue() != null) {
                put.put(k.substring(n), e.getValue());
            }
        }
        return remove.isEmpty() && put.isEmpty() && removeFromResponses.isEmpty()
                ? ProxyEdits.NONE
                : new ProxyEdits(remove, put, removeFromResponses);
    }

    /** The targets of {@code SipTargets}; empty when absent. */
    static List<String> targets(Message m) {
        return list(m.getHeader(SipProxyHeaders.TARGETS));
    }

    /**
     * The INVITE branch timeout of this relay: {@code SipProxyInviteTimeout} when it holds a positive number of
     * milliseconds (a per-call ring time, as call forwarding on no answer needs), else {@code endpointDefault}.
     */
    static long inviteTimeout(Message m, long endpointDefault) {
        Object v = m.getHeader(SipProxyHeaders.INVITE_TIMEOUT);
        if (v == null) {
            return endpointDefault;
        }
        try {
            long ms = v instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(v.toString().trim());
            return ms > 0 ? ms : endpointDefault;
        } catch (NumberFormatException e) {
            return endpointDefault;
        }
    }

    /** The target-to-connection map of {@code SipProxyDestinations}; empty when absent or not a Map. */
    static Map<String, String> destinations(Message m) {
        if (!(m.getHeader(SipProxyHeaders.DESTINATIONS) instanceof Map<?, ?> given) || given.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                out.put(e.getKey().toString().trim(), e.getValue().toString().trim());
            }
        }
        return out;
    }

    /** A header holding a Collection, or one comma-separated String, as trimmed non-blank Strings. */
    static List<String> list(Object header) {
        List<String> out = new ArrayList<>();
        if (header instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else if (header != null) {
            for (String s : header.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
