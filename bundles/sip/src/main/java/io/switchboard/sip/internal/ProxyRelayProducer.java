package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.message.Request;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code proxy:relay}: relays the request of the current {@code sip} consumer exchange ({@link ProxyRelay}) and
 * completes when the relay has its final outcome, so that the route goes on with {@code SipProxyStatus}.
 * <ul>
 * <li>ACK: an ACK for a 2xx (it carries our Route) is forwarded ({@link ProxyAckRelay}); others end here (hop by
 * hop).</li>
 * <li>CANCEL: the sip component already answered a CANCEL that matches a pending INVITE (200) and the
 * relay of that INVITE CANCELs its branches and sends the caller's 487 once they ended; any other CANCEL gets
 * 481.</li>
 * <li>anything else: forked to header {@code SipTargets} (else the Request-URI); provisional and 2xx responses
 * go upstream as they come. Afterwards {@code SipProxyStatus}/{@code SipProxyReason} hold the final status.
 * When every branch failed, the best response is sent upstream, or, with {@code failureRoute}, the
 * exchange goes to that endpoint first: when it ends without a final answer sent and without
 * {@code SipStatus}, the best response is sent then.</li>
 * </ul>
 */
final class ProxyRelayProducer extends DefaultAsyncProducer {

    private final ProxyEndpoint endpoint;
    private AsyncProducer failure;
    private Producer onReply;
    private ReplyHook replies = ReplyHook.NONE;

    ProxyRelayProducer(ProxyEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String failureRoute = endpoint.getConfiguration().getFailureRoute();
        if (failureRoute != null) {
            failure = getEndpoint().getCamelContext().getEndpoint(failureRoute).createAsyncProducer();
            ServiceHelper.startService(failure);
        }
        String replyRoute = endpoint.getConfiguration().getOnReply();
        if (replyRoute != null) {
            onReply = getEndpoint().getCamelContext().getEndpoint(replyRoute).createProducer();
            ServiceHelper.startService(onReply);
            replies = new ReplyHook(onReply);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(failure, onReply);
        failure = null;
        onReply = null;
        replies = ReplyHook.NONE;
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message m = exchange.getMessage();
        try {
            SipConnector connector = connector(exchange);
            if (!(exchange.getProperty(SipHeaders.SERVER_EXCHANGE) instanceof ServerContext ctx)) {
                relayAck(connector, m, endpoint.getComponent().scope());
                callback.done(true);
                return true;
            }
            if (Request.CANCEL.equals(ctx.request.getMethod())) {
                if (!ctx.finalResponseSent()) {
                    ctx.respond(481, null, null, null, null);
                    m.setHeader(SipProxyHeaders.STATUS, 481);
                } else {
                    m.setHeader(SipProxyHeaders.STATUS, 200);
                }
                callback.done(true);
                return true;
            }
            return relay(exchange, ctx, callback);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private boolean relay(Exchange exchange, ServerContext ctx, AsyncCallback callback) {
        Message m = exchange.getMessage();
        AtomicBoolean sync = new AtomicBoolean(true);
        AtomicBoolean finished = new AtomicBoolean();
        ProxyConfig config = endpoint.getComponent().config();
        ProxyConfiguration options = endpoint.getConfiguration();
        long hold = ProxyInput.holdFor(m, options.getHoldFor());
        // one relay's: a failure route's serial relay (call forward busy) is not held again for the same wait
        m.removeHeader(SipProxyHeaders.HOLD_FOR);
        ProxyRelay.Settings settings = new ProxyRelay.Settings(
                endpoint.getComponent().scope(),
                ProxyInput.inviteTimeout(m, options.getInviteTimeout()),
                options.getTimeout(),
                endpoint.getComponent().listeners(),
                ProxyInput.edits(m),
                config.proxyRequire(),
                ProxyInput.destinations(m),
                replies,
                endpoint.getComponent().relays(),
                hold,
                hold > 0
                        && m.getHeader(SipProxyHeaders.TARGETS) != null
                        && ProxyInput.targets(m).isEmpty());
        // while the relay waits for the network the exchange holds no thread: a route being replaced does not wait
        // for it (the relay finishes the call; README "Route files fail safe")
        exchange.setProperty(Exchange.ASYNC_WAIT, true);
        ProxyRelay.relay(ctx, ProxyInput.targets(m), settings, (relay, status, reason, best) -> {
            exchange.removeProperty(Exchange.ASYNC_WAIT);
            m.setHeader(SipProxyHeaders.STATUS, status);
            m.setHeader(SipProxyHeaders.REASON, reason);
            AsyncProducer f = failure;
            if (best != null && f != null) {
                m.removeHeader(SipProxyHeaders.TARGETS);
                f.process(exchange, doneSync -> {
                    Integer answer = exchange.getMessage().getHeader(SipHeaders.STATUS, Integer.class);
                    if (!ctx.finalResponseSent() && answer == null && exchange.getException() == null) {
                        relay.sendBest(best);
                    }
                    complete(callback, sync, finished);
                });
                return;
            }
            if (best != null) {
                relay.sendBest(best);
            }
            complete(callback, sync, finished);
        });
        synchronized (finished) {
            sync.set(false);
            if (finished.get()) {
                callback.done(true);
                return true;
            }
        }
        return false;
    }

    /** Completes now when still inside process() (the caller reports done(true)), else through the callback. */
    private static void complete(AsyncCallback callback, AtomicBoolean sync, AtomicBoolean finished) {
        synchronized (finished) {
            finished.set(true);
            if (sync.get()) {
                return;
            }
        }
        callback.done(false);
    }

    /** The connector of a {@code sip} consumer exchange. */
    static SipConnector connector(Exchange exchange) {
        SipConnector connector = exchange.getProperty(SipHeaders.CONNECTOR, SipConnector.class);
        if (connector == null) {
            throw new IllegalStateException("proxy:relay needs an exchange from a sip consumer");
        }
        return connector;
    }

    /**
     * An exchange without a server transaction: relays its ACK (our realms' credentials consumed, accounted for as
     * any relayed request), else there is nothing to relay.
     */
    static void relayAck(SipConnector connector, Message m, RelayScope scope) {
        Object sm = m.getHeader(SipHeaders.MESSAGE);
        if (sm instanceof SipMessageAdapter a
                && a.unwrap() instanceof SIPRequest r
                && Request.ACK.equals(r.getMethod())) {
            if (ProxyAckRelay.relay(connector, r, ProxyInput.edits(m), scope.domains())) {
                RelayAccounting.relayed(r, List.of(r.getRequestURI().toString()), scope.dialogs(), () -> {});
            }
            return;
        }
        throw new IllegalStateException("proxy:relay: no SIP request to relay in this exchange");
    }
}
