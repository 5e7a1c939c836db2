package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3261 16.3 step 5: the option tags of a request's {@code Proxy-Require} that this proxy does not support, which
 * it must refuse with 420 Bad Extension and an {@code Unsupported} header listing them. {@code Require} is the UAS's
 * business and is not looked at. CANCEL and ACK are never checked: RFC 3261 8.2.2.3 says Proxy-Require must be
 * ignored in a CANCEL and in the ACK of a non-2xx, and the ACK of a 2xx carries the tags its INVITE passed with.
 * <p>
 * A tag the route drops from the relayed request (through {@code SipProxyRemoveHeaders} and
 * {@code SipProxyHeader.Proxy-Require}) is not refused: that is how an integrator passes requests on whose tag a
 * node in front handles (IMS {@code sec-agree}). Tags a route adds are its own and not checked.
 * <p>
 * Runs for every request the proxy handles: a request without Proxy-Require costs one header table lookup and
 * allocates nothing; tags are compared with {@code equalsIgnoreCase} against a small array, without regex.
 */
final class ProxyRequireCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyRequireCheck.class);

    /** Supports no extension. */
    static final ProxyRequireCheck NONE = new ProxyRequireCheck(new String[0]);

    private static final String TOKEN_MARKS = "-.!%*_+`'~";

    private final String[] supported;

    private ProxyRequireCheck(String[] supported) {
        this.supported = supported;
    }

    /** From the comma-separated setting; entries that are not an RFC 3261 token are logged and left out. */
    static ProxyRequireCheck of(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<String> tags = new ArrayList<>();
        for (String s : csv.split(",")) {
            String tag = s.trim();
            if (tag.isEmpty()) {
                continue;
            }
            if (!isToken(tag)) {
                LOG.warn("Ignoring supported option tag '{}': not an RFC 3261 token", tag);
            } else if (!contains(tags, tag)) {
                tags.add(tag);
            }
        }
        return tags.isEmpty() ? NONE : new ProxyRequireCheck(tags.toArray(new String[0]));
    }

    /** The option tags this proxy supports, in the order configured. */
    List<String> supported() {
        return List.of(supported);
    }

    /**
     * The tags of {@code request}'s Proxy-Require that are neither supported nor dropped by {@code edits}, as the
     * value of an Unsupported header ({@code "a, b"}), or null when the request may pass.
     */
    String unsupported(SIPRequest request, ProxyEdits edits) {
        if (request.getHeader(ProxyRequireHeader.NAME) == null) {
            return null;
        }
        String method = request.getMethod();
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
            return null;
        }
        List<String> kept = keptByEdits(edits);
        List<String> out = null;
        ListIterator<SIPHeader> it = request.getHeaders(ProxyRequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((ProxyRequireHeader) it.next()).getOptionTag();
            if (tag == null
                    || isSupported(tag)
                    || (kept != null && !contains(kept, tag))
                    || edits.removesValue(ProxyRequireHeader.NAME, tag)) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(2);
            }
            if (!contains(out, tag)) {
                out.add(tag);
            }
        }
        return out == null ? null : String.join(", ", out);
    }

    boolean isSupported(String tag) {
        for (String s : supported) {
            if (s.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tags the relayed request keeps after the route's edits: the values of {@code SipProxyHeader.Proxy-Require}
     * when it puts any (they replace the received ones), none when {@code SipProxyRemoveHeaders} names Proxy-Require,
     * else null (every received tag is relayed). Mirrors {@link ProxyEdits#apply}.
     */
    private static List<String> keptByEdits(ProxyEdits edits) {
        for (Map.Entry<String, Object> e : edits.put().entrySet()) {
            if (ProxyRequireHeader.NAME.equalsIgnoreCase(e.getKey().trim())) {
                List<String> put = values(e.getValue());
                if (!put.isEmpty()) {
                    return put;
                }
            }
        }
        for (String name : edits.remove()) {
            if (ProxyRequireHeader.NAME.equalsIgnoreCase(name.trim())) {
                return List.of();
            }
        }
        return null;
    }

    /** Option tags of a header value put by the route: a String (comma-separated), a Collection or an array. */
    private static List<String> values(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                split(o, out);
            }
        } else if (value instanceof Object[] a) {
            for (Object o : a) {
                split(o, out);
            }
        } else {
            split(value, out);
        }
        return out;
    }

    private static void split(Object value, List<String> out) {
        if (value == null) {
            return;
        }
        for (String s : value.toString().split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
    }

    private static boolean contains(List<String> tags, String tag) {
        for (String t : tags) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3261 25.1 token: alphanumerics and {@code -.!%*_+`'~}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && TOKEN_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
