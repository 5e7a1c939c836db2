package io.switchboard.sip.internal;

import io.switchboard.sip.SipProxyHeaders;
import java.nio.charset.StandardCharsets;
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
     * The edits of {@code SipProxyRemoveHeaders}, {@code SipProxyRemoveValue.<Name>}, {@code SipProxyHeader.<Name>},
     * {@code SipProxyAddHeader.<Name>}, {@code SipProxyBody} and {@code SipProxyRemoveResponseHeaders}.
     */
    static ProxyEdits edits(Message m) {
        List<String> remove = list(m.getHeader(SipProxyHeaders.REMOVE_HEADERS));
        List<String> removeFromResponses = list(m.getHeader(SipProxyHeaders.REMOVE_RESPONSE_HEADERS));
        Map<String, Object> put = null;
        Map<String, Object> add = null;
        Map<String, List<String>> removeValues = null;
        for (Map.Entry<String, Object> e : m.getHeaders().entrySet()) {
            String k = e.getKey();
            if (e.getValue() == null || !k.regionMatches(true, 0, "SipProxy", 0, 8)) {
                continue; // one comparison for the headers of every other component
            }
            String name;
            if ((name = suffix(k, SipProxyHeaders.HEADER_PREFIX)) != null) {
                put = put == null ? new LinkedHashMap<>() : put;
                put.put(name, e.getValue());
            } else if ((name = suffix(k, SipProxyHeaders.ADD_HEADER_PREFIX)) != null) {
                add = add == null ? new LinkedHashMap<>() : add;
                add.put(name, e.getValue());
            } else if ((name = suffix(k, SipProxyHeaders.REMOVE_VALUE_PREFIX)) != null) {
                List<String> values = list(e.getValue());
                if (!values.isEmpty()) {
                    removeValues = removeValues == null ? new LinkedHashMap<>() : removeValues;
                    removeValues.put(name, values);
                }
            }
        }
        byte[] body = body(m.getHeader(SipProxyHeaders.BODY));
        if (remove.isEmpty()
                && removeFromResponses.isEmpty()
                && put == null
                && add == null
                && removeValues == null
                && body == null) {
            return ProxyEdits.NONE;
        }
        return new ProxyEdits(
                remove,
                removeValues == null ? Map.of() : removeValues,
                put == null ? Map.of() : put,
                add == null ? Map.of() : add,
                body,
                removeFromResponses);
    }

    /** The part of header name {@code key} after {@code prefix} (case-insensitive), or null. */
    private static String suffix(String key, String prefix) {
        int n = prefix.length();
        return key.length() > n && key.regionMatches(true, 0, prefix, 0, n) ? key.substring(n) : null;
    }

    /** {@code SipProxyBody}: a String (UTF-8) or bytes; null when absent or of another type. */
    private static byte[] body(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof CharSequence s) {
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
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

    /** The hold of this relay: {@code SipProxyHoldFor} when it holds a number, else {@code endpointDefault}. */
    static long holdFor(Message m, long endpointDefault) {
        Object v = m.getHeader(SipProxyHeaders.HOLD_FOR);
        if (v == null) {
            return endpointDefault;
        }
        try {
            return v instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(v.toString().trim());
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
