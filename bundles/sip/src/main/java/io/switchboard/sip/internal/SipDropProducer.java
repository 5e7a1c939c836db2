package io.switchboard.sip.internal;

import io.switchboard.sip.SipHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code sip:drop}: the request of the current consumer exchange gets no answer, ever (Kamailio's {@code drop}).
 * For senders that must not learn that a SIP server listens here, such as the scanners the default routes recognise
 * by their User-Agent: a 403 would confirm it. Nothing is sent when the route ends.
 */
public final class SipDropProducer extends DefaultProducer {

    SipDropProducer(SipEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) {
        Object ctx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE);
        if (!(ctx instanceof ServerContext server)) {
            throw new IllegalStateException(
                    "sip:drop needs an exchange created by a sip consumer for a request (property "
                            + SipHeaders.SERVER_EXCHANGE + " missing)");
        }
        server.drop();
    }
}
