package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests consumer: one InOut exchange per request, started in the stack's listener thread (so a
 * synchronous route runs entirely there); the final response goes out when the route ends.
 * Responses consumer ({@code consume=responses}): one InOnly exchange per response received.
 */
public final class SipConsumer extends DefaultConsumer
        implements SipConnector.RequestHandler, SipConnector.ResponseHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SipConsumer.class);

    private final SipEndpoint endpoint;
    private final boolean responses;
    private final int defaultStatus;
    private volatile SipConnector connector;

    SipConsumer(SipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.responses = endpoint.consumesResponses();
        this.defaultStatus = endpoint.getDefaultStatus();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SipConnector c = endpoint.getComponent().acquire(endpoint);
        try {
            if (responses) {
                c.attach((SipConnector.ResponseHandler) this);
            } else {
                c.attach((SipConnector.RequestHandler) this);
            }
        } catch (RuntimeException e) {
            endpoint.getComponent().release(c);
            throw e;
        }
        connector = c;
    }

    @Override
    protected void doStop() throws Exception {
        SipConnector c = connector;
        connector = null;
        if (c != null) {
            if (responses) {
                c.detach((SipConnector.ResponseHandler) this);
            } else {
                c.detach((SipConnector.RequestHandler) this);
            }
            endpoint.getComponent().release(c);
        }
        super.doStop();
    }

    @Override
    public void onRequest(ServerContext ctx) {
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        try {
            HeaderMapping.populate(exchange.getIn(), ctx.request, false);
            endpoint.getComponent().nameOwner(exchange.getIn());
            if (ctx.createsDialog()) {
                exchange.getIn().setHeader(SipHeaders.DIALOG, ctx.uasDialog());
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
        exchange.setProperty(SipHeaders.SERVER_EXCHANGE, ctx);
        exchange.setProperty(SipHeaders.CONNECTOR, ctx.connector);
        if (exchange.getException() != null) {
            finish(ctx, exchange);
            return;
        }
        try {
            getAsyncProcessor().process(exchange, doneSync -> finish(ctx, exchange));
        } catch (Throwable t) {
            exchange.setException(t instanceof Exception e ? e : new RuntimeException(t));
            finish(ctx, exchange);
        }
    }

    private void finish(ServerContext ctx, Exchange exchange) {
        try {
            ctx.routeCompleted(exchange, defaultStatus);
        } catch (RuntimeException e) {
            LOG.debug("Could not answer SIP request", e);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    public void onAck(SIPRequest ack) {
        dispatchInOnly(ack, connector);
    }

    @Override
    public void onResponse(SIPResponse response) {
        dispatchInOnly(response, connector);
    }

    private void dispatchInOnly(SIPMessage message, SipConnector c) {
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOnly);
        if (c != null) {
            exchange.setProperty(SipHeaders.CONNECTOR, c);
        }
        try {
            HeaderMapping.populate(exchange.getIn(), message, false);
            if (!responses) {
                endpoint.getComponent().nameOwner(exchange.getIn()); // an ACK
            }
            getAsyncProcessor().process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    getExceptionHandler()
                            .handleException("Error processing SIP message", exchange, exchange.getException());
                }
                releaseExchange(exchange, false);
            });
        } catch (Throwable t) {
            getExceptionHandler().handleException("Error processing SIP message", exchange, t);
            releaseExchange(exchange, false);
        }
    }
}
