package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code onReply} route of {@code proxy:relay}: every response the relay sends upstream (provisional, 2xx, the
 * best failure) is first handed to that endpoint in an exchange of its own, with the headers a {@code sip} consumer
 * gives a message ({@code SipStatus}, {@code SipMessage}, the body ...), synchronously on the stack's thread; the
 * edits that route sets ({@link ProxyInput#edits}: {@code SipProxyRemoveHeaders}, {@code SipProxyRemoveValue.*},
 * {@code SipProxyHeader.*}, {@code SipProxyAddHeader.*}, {@code SipProxyBody}) are applied to a copy of the response
 * before it leaves. Kamailio's {@code onreply_route}. A route that fails, or an edit that does not parse, leaves the
 * response as it was: a reply route never loses a call's response.
 */
final class ReplyHook {

    static final ReplyHook NONE = new ReplyHook(null);

    private static final Logger LOG = LoggerFactory.getLogger(ReplyHook.class);

    private final Producer producer;

    ReplyHook(Producer producer) {
        this.producer = producer;
    }

    /** The response to send upstream: {@code response} itself, or an edited copy. */
    SIPResponse apply(SIPResponse response) {
        if (producer == null) {
            return response;
        }
        try {
            Exchange exchange = producer.getEndpoint().createExchange();
            HeaderMapping.populate(exchange.getMessage(), response, false);
            producer.process(exchange);
            if (exchange.getException() != null) {
                LOG.warn(
                        "onReply route {} failed on a {}; relayed unchanged",
                        producer.getEndpoint().getEndpointUri(),
                        response.getStatusCode(),
                        exchange.getException());
                return response;
            }
            ProxyEdits edits = ProxyInput.edits(exchange.getMessage());
            if (edits.isEmpty()) {
                return response;
            }
            SIPResponse copy = (SIPResponse) response.clone();
            edits.applyTo(copy);
            return copy;
        } catch (Exception e) {
            LOG.warn(
                    "onReply route {}: edits of a {} not applied: {}",
                    producer.getEndpoint().getEndpointUri(),
                    response.getStatusCode(),
                    e.toString());
            return response;
        }
    }
}
