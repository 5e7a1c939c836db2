package io.switchboard.sip;

import java.util.function.Consumer;
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
 * Sends requests that the platform originates (NOTIFYs of the subscription layer, the USSD gateway's INFO, BYE and
 * INVITE) through the {@code sip} component's asynchronous producer: in a dialog when the request carries a
 * {@link SipHeaders#DIALOG}, else from its Request-URI/From/To headers. No thread waits for the answers, so a fan-out
 * to many devices is bounded by the SIP stack, not by a thread pool. The producer is created at the first request
 * (the endpoint's component may register after the caller starts) and again after it stopped.
 */
public final class SipRequestSender {

    /** The final outcome of a request: its final status (503 when it could not be sent), reason and dialog. */
    @FunctionalInterface
    public interface Outcome {
        void done(int status, String reason, SipDialog dialog);
    }

    /**
     * The endpoint of the default routes' listener, Camel property {@code sip.listener} of
     * {@code etc/io.switchboard.core.cfg}: the default of every sender's endpoint setting. Being the very URI that
     * sip-main consumes from, it resolves to that listener's connector (one per host:port), so the platform's own
     * requests leave from {@code sip.port}, where the phones' NAT bindings and firewalls let answers back in.
     */
    public static final String LISTENER = "{{sip.listener}}";

    private static final Logger LOG = LoggerFactory.getLogger(SipRequestSender.class);

    private final CamelContext context;
    private final String endpointUri;
    private volatile AsyncProducer producer;

    /** @param endpointUri the {@code sip:} endpoint whose stack sends the requests (the listener of the routes) */
    public SipRequestSender(CamelContext context, String endpointUri) {
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

    /**
     * Sends a {@code method} request that {@code request} fills in (headers {@code SipHeaders.*}, body); the outcome
     * comes on a SIP stack thread, or at once when it cannot be sent.
     */
    public void send(String method, Consumer<Message> request, Outcome outcome) {
        AsyncProducer p;
        try {
            p = producer();
        } catch (Exception e) {
            LOG.warn("Cannot send {} through {}: {}", method, endpointUri, e.getMessage());
            outcome.done(503, e.getMessage(), null);
            return;
        }
        Exchange ex = p.getEndpoint().createExchange(ExchangePattern.InOut);
        Message m = ex.getIn();
        m.setHeader(SipHeaders.METHOD, method);
        request.accept(m);
        try {
            p.process(ex, doneSync -> {
                if (ex.getException() != null) {
                    LOG.debug("{} failed", method, ex.getException());
                    outcome.done(503, ex.getException().getMessage(), null);
                    return;
                }
                Message answer = ex.getMessage();
                Integer status = answer.getHeader(SipHeaders.STATUS, Integer.class);
                outcome.done(
                        status == null ? 503 : status,
                        answer.getHeader(SipHeaders.REASON, String.class),
                        answer.getHeader(SipHeaders.DIALOG, SipDialog.class));
            });
        } catch (RuntimeException e) {
            LOG.debug("{} failed", method, e);
            outcome.done(503, e.getMessage(), null);
        }
    }

    /** Stops the producer; a later request starts a new one. */
    public void stop() {
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
