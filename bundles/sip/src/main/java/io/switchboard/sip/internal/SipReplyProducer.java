package io.switchboard.sip.internal;

import io.switchboard.sip.SipHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code sip:reply[?code=180&reason=Ringing]}: sends a response on the server transaction of the
 * current consumer exchange, with the same headers/body rules as the response sent at route end.
 * A final status sent here is the answer: nothing more is sent when the route ends.
 */
public final class SipReplyProducer extends DefaultProducer {

    private final SipEndpoint endpoint;

    SipReplyProducer(SipEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object ctx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE);
        if (!(ctx instanceof ServerContext server)) {
            throw new IllegalStateException(
                    "sip:reply needs an exchange created by a sip consumer for a request (property "
                            + SipHeaders.SERVER_EXCHANGE + " missing)");
        }
        Message m = exchange.getMessage();
        Integer status =
                endpoint.getCode() != null ? endpoint.getCode() : m.getHeader(SipHeaders.STATUS, Integer.class);
        if (status == null) {
            throw new IllegalArgumentException("sip:reply needs option 'code' or header " + SipHeaders.STATUS);
        }
        String reason =
                endpoint.getReason() != null ? endpoint.getReason() : m.getHeader(SipHeaders.REASON, String.class);
        server.respondFromMessage(status, reason, m);
    }
}
