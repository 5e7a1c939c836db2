package io.switchboard.sip.internal;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.UnsupportedHeader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code proxy:check}: only the checks of the relay ({@link ProxyChecks}: Max-Forwards 483, Proxy-Require 420 with
 * {@code SipHeader.Unsupported}, no open relay 403, 404 Not here), so that a route can answer before it
 * authenticates or looks up a location. A refused request gets {@code SipStatus}/{@code SipReason} (the consumer
 * sends that answer when the route ends); {@code SipProxyLocalTarget} tells whether the Request-URI is in a local
 * domain (then a location lookup makes sense), {@code SipProxyLocalCaller} whether the From URI is (then the caller
 * is one of our users and must authenticate).
 */
final class ProxyCheckProducer extends DefaultProducer {

    private final ProxyEndpoint endpoint;

    ProxyCheckProducer(ProxyEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        SipConnector connector = ProxyRelayProducer.connector(exchange);
        if (!(exchange.getProperty(SipHeaders.SERVER_EXCHANGE) instanceof ServerContext ctx)) {
            ProxyRelayProducer.relayAck(connector, m, endpoint.getComponent().scope());
            return;
        }
        ProxyConfig config = endpoint.getComponent().config();
        // the route's edits matter only to the Proxy-Require check: read them only when there is one
        ProxyEdits edits =
                ctx.request.getHeader(ProxyRequireHeader.NAME) == null ? ProxyEdits.NONE : ProxyInput.edits(m);
        ProxyChecks.Refusal refusal =
                ProxyChecks.check(ctx, endpoint.getComponent().scope(), config.proxyRequire(), edits);
        if (refusal != null) {
            m.setHeader(SipHeaders.STATUS, refusal.status());
            m.setHeader(SipHeaders.REASON, refusal.reason());
            if (refusal.unsupported() != null) {
                m.setHeader(SipHeaders.HEADER_PREFIX + UnsupportedHeader.NAME, refusal.unsupported());
            }
        }
        m.setHeader(SipProxyHeaders.LOCAL_TARGET, ProxyChecks.requestUriIsLocal(ctx, config.domains()));
        m.setHeader(SipProxyHeaders.LOCAL_CALLER, ProxyChecks.fromIsLocal(ctx, config.domains()));
    }
}
