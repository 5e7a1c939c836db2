package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Edits the route asked for on a message the proxy relays: header names to remove ({@code SipProxyRemoveHeaders}),
 * values to remove from multi-valued headers ({@code SipProxyRemoveValue.<Name>}), headers to put, replacing
 * ({@code SipProxyHeader.<Name>}), headers to add, keeping those there ({@code SipProxyAddHeader.<Name>}), and a new
 * body ({@code SipProxyBody}); on the relayed request (and a relayed 2xx ACK), or, from an {@code onReply} route, on
 * one response. {@code removeFromResponses} ({@code SipProxyRemoveResponseHeaders}) are removed from every response
 * sent upstream, after the listeners saw it whole. A value of its own because the relay, the ACK relay, the reply
 * hook and the Proxy-Require check all read the same edits.
 *
 * @param body the new body (Content-Length follows, Content-Type is kept), or null to keep the received one
 */
record ProxyEdits(
        Collection<String> remove,
        Map<String, List<String>> removeValues,
        Map<String, Object> put,
        Map<String, Object> add,
        byte[] body,
        Collection<String> removeFromResponses) {

    static final ProxyEdits NONE = new ProxyEdits(List.of(), Map.of(), List.of());

    /** Removals and replacements only (the edits of the proxy before values, additions and bodies existed). */
    ProxyEdits(Collection<String> remove, Map<String, Object> put, Collection<String> removeFromResponses) {
        this(remove, Map.of(), put, Map.of(), null, removeFromResponses);
    }

    /** The response to send upstream: a copy without the headers to remove (the listeners keep the original). */
    SIPResponse strip(SIPResponse response) {
        if (removeFromResponses.isEmpty()) {
            return response;
        }
        SIPResponse copy = (SIPResponse) response.clone();
        for (String name : removeFromResponses) {
            copy.removeHeader(HeaderNames.expand(name.trim()));
        }
        return copy;
    }

    /** True when there is nothing to apply to a message (removals from responses aside). */
    boolean isEmpty() {
        return remove.isEmpty() && removeValues.isEmpty() && put.isEmpty() && add.isEmpty() && body == null;
    }

    /** True when this edit removes option tag {@code value} from header {@code name} ({@code SipProxyRemoveValue}). */
    boolean removesValue(String name, String value) {
        for (Map.Entry<String, List<String>> e : removeValues.entrySet()) {
            if (HeaderNames.expand(e.getKey().trim()).equalsIgnoreCase(name)) {
                for (String v : e.getValue()) {
                    if (v.equalsIgnoreCase(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Applies the edits to {@code request}: removals, value removals, replacements, additions, then the body. */
    void apply(SIPRequest request) throws ParseException {
        applyTo(request);
    }

    /** {@link #apply(SIPRequest)} for any message (a response of an {@code onReply} route). */
    void applyTo(SIPMessage message) throws ParseException {
        for (String name : remove) {
            message.removeHeader(HeaderNames.expand(name.trim()));
        }
        for (Map.Entry<String, List<String>> e : removeValues.entrySet()) {
            HeaderValues.remove(message, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : put.entrySet()) {
            HeaderMapping.putHeader(message, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : add.entrySet()) {
            HeaderMapping.addHeader(message, e.getKey(), e.getValue());
        }
        if (body != null) {
            if (body.length == 0) {
                message.removeContent();
            } else {
                message.setMessageContent(body);
            }
        }
    }
}
