package io.switchboard.ussd.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;

import java.util.Map;
import java.util.function.IntConsumer;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INFO, BYE and INVITE through the {@code sip} component's asynchronous producer (as the subscription layer sends
 * its NOTIFYs): in-dialog requests from the stored {@link SipDialog}, no thread waits for the answers.
 */
final class CamelSender implements UssdGateway.Sender {

    private static final Logger LOG = LoggerFactory.getLogger(CamelSender.class);

    private final CamelContext context;
    private final String endpointUri;
    private volatile AsyncProducer producer;

    CamelSender(CamelContext context, String endpointUri) {
        this.context = context;
        this.endpointUri = endpointUri;
    }

    private synchronized AsyncProducer producer() throws Exception {
        AsyncProducer p = producer;
        if (p == null || !ServiceHelper.isStarted(p)) {
            Endpoint endpoint = context.getEndpoint(endpointUri);
            p = endpoint.createAsyncProducer();
            ServiceHelper.startService(p);
            producer = p;
        }
        return p;
    }

    @Override
    public void inDialog(SipDialog dialog, String method, Map<String, String> headers, String contentType, byte[] body, IntConsumer done) {
        Exchange ex = exchange(method, headers, contentType, body, done == null ? s -> { } : done);
        if (ex == null) {
            return;
        }
        ex.getIn().setHeader(SipHeaders.DIALOG, dialog);
        send(ex, done, (status, reason, d) -> done.accept(status));
    }

    @Override
    public void invite(String requestUri, String from, String to, String callId, Map<String, String> headers, String contentType,
                       byte[] body, InviteDone done) {
        Exchange ex = exchange("INVITE", headers, contentType, body, s -> done.done(s, null, null));
        if (ex == null) {
            return;
        }
        Message m = ex.getIn();
        m.setHeader(SipHeaders.REQUEST_URI, requestUri);
        m.setHeader(SipHeaders.FROM_URI, from);
        m.setHeader(SipHeaders.TO_URI, to);
        m.setHeader(SipHeaders.HEADER_PREFIX + "Call-ID", callId);
        send(ex, s -> done.done(s, null, null), done);
    }

    private Exchange exchange(String method, Map<String, String> headers, String contentType, byte[] body, IntConsumer failed) {
        AsyncProducer p;
        try {
            p = producer();
        } catch (Exception e) {
            LOG.warn("Cannot send {} through {}: {}", method, endpointUri, e.getMessage());
            failed.accept(503);
            return null;
        }
        Exchange ex = p.getEndpoint().createExchange(ExchangePattern.InOut);
        Message m = ex.getIn();
        m.setHeader(SipHeaders.METHOD, method);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            m.setHeader(SipHeaders.HEADER_PREFIX + h.getKey(), h.getValue());
        }
        if (contentType != null && body != null) {
            m.setHeader(SipHeaders.CONTENT_TYPE, contentType);
            m.setBody(body);
        }
        return ex;
    }

    private void send(Exchange ex, IntConsumer failed, InviteDone done) {
        try {
            producer.process(ex, doneSync -> {
                if (ex.getException() != null) {
                    LOG.debug("{} failed", ex.getIn().getHeader(SipHeaders.METHOD), ex.getException());
                    done.done(503, ex.getException().getMessage(), null);
                    return;
                }
                Message m = ex.getMessage();
                Integer status = m.getHeader(SipHeaders.STATUS, Integer.class);
                done.done(status == null ? 503 : status, m.getHeader(SipHeaders.REASON, String.class),
                        m.getHeader(SipHeaders.DIALOG, SipDialog.class));
            });
        } catch (RuntimeException e) {
            LOG.debug("send failed", e);
            failed.accept(503);
        }
    }

    void stop() {
        AsyncProducer p = producer;
        producer = null;
        if (p != null) {
            try {
                ServiceHelper.stopService(p);
            } catch (RuntimeException e) {
                LOG.debug("producer stop", e);
            }
        }
    }
}
