package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Header edits the route asked for ({@code SipProxyRemoveHeaders}, {@code SipProxyHeader.<Name>},
 * {@code SipProxyRemoveResponseHeaders}): on the relayed request (and a relayed 2xx ACK), names to remove, then
 * headers to put (replacing); names removed from every response sent upstream, after the listeners saw it whole.
 * A value of its own because the relay, the ACK relay and the Proxy-Require check all read the same edits.
 */
record ProxyEdits(Collection<String> remove, Map<String, Object> put, Collection<String> removeFromResponses) {

    static final ProxyEdits NONE = new ProxyEdits(List.of(), Map.of(), List.of());

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

    /** Applies the request edits to {@code request}, removals first. */
    void apply(SIPRequest request) throws ParseException {
        for (String name : remove) {
            request.removeHeader(HeaderNames.expand(name.trim()));
        }
        for (Map.Entry<String, Object> e : put.entrySet()) {
            HeaderMapping.putHeader(request, e.getKey(), e.getValue());
        }
    }
}
