package io.switchboard.subscription.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.subscription.NotifyBody;

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
 * NOTIFY through the {@code sip} component's producer with a {@code SipDialog} (Request-URI, tags, CSeq and
 * route set from the dialog). Uses the asynchronous producer directly: no thread waits for the answers, so a
 * fan-out to many devices is bounded by the SIP stack, not by a thread pool.
 */
final class CamelNotifySender implements NotifySender {

    private static final Logger LOG = LoggerFactory.getLogger(CamelNotifySender.class);

    private final CamelContext context;
    private final String endpointUri;
    private volatile AsyncProducer producer;

    CamelNotifySender(CamelContext context, String endpointUri) {
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
    public void send(SipDialog dialog, String event, String subscriptionState, NotifyBody body, IntConsumer onFinalStatus) {
        AsyncProducer p;
        try {
            p = producer();
        } catch (Exception e) {
            LOG.warn("Cannot send NOTIFY through {}: {}", endpointUri, e.getMessage());
            onFinalStatus.accept(503);
            return;
        }
        Exchange ex = p.getEndpoint().createExchange(ExchangePattern.InOut);
        Message m = ex.getIn();
        m.setHeader(SipHeaders.METHOD, "NOTIFY");
        m.setHeader(SipHeaders.DIALOG, dialog);
        m.setHeader(SipHeaders.HEADER_PREFIX + "Event", event);
        m.setHeader(SipHeaders.HEADER_PREFIX + "Subscription-State", subscriptionState);
        body.headers().forEach((name, value) -> m.setHeader(SipHeaders.HEADER_PREFIX + name, value));
        if (!body.isEmpty()) {
            m.setHeader(SipHeaders.CONTENT_TYPE, body.contentType());
            m.setBody(body.body());
        }
        try {
            p.process(ex, doneSync -> {
                Integer status = ex.getException() != null ? null : ex.getMessage().getHeader(SipHeaders.STATUS, Integer.class);
                if (ex.getException() != null) {
                    LOG.debug("NOTIFY to {} failed", dialog.remoteTarget(), ex.getException());
                }
                onFinalStatus.accept(status == null ? 503 : status);
            });
        } catch (RuntimeException e) {
            LOG.debug("NOTIFY to {} failed", dialog.remoteTarget(), e);
            onFinalStatus.accept(503);
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
