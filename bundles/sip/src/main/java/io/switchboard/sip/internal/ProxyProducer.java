package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipHeaders;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.UnsupportedHeader;
import javax.sip.message.Request;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code proxy:relay}: relays the request of the current {@code sip} consumer exchange and completes when
 * the relay has its final outcome.
 * {@code proxy:check} only runs the checks of the relay (Max-Forwards 483, Proxy-Require 420 with
 * {@code SipHeader.Unsupported}, no open relay 403): a refused request gets {@code SipStatus}/{@code SipReason};
 * header {@code SipProxyLocalTarget} tells whether the Request-URI is in a local domain (then a location lookup
 * makes sense), {@code SipProxyLocalCaller} whether the From URI is (then the caller is one of our users and must
 * authenticate).
 * <ul>
 * <li>ACK: an ACK for a 2xx (it carries our Route) is forwarded; others end here (hop by hop).</li>
 * <li>CANCEL: the sip component already answered a CANCEL that matches a pending INVITE (200, 487) and the
 * relay of that INVITE CANCELs its branches; any other CANCEL gets 481.</li>
 * <li>anything else: forked to header {@code SipTargets} (else the Request-URI); provisional and 2xx responses
 * go upstream as they come. Afterwards {@code SipProxyStatus}/{@code SipProxyReason} hold the final status.
 * When every branch failed, the best response is sent upstream, or, with {@code failureRoute}, the
 * exchange goes to that endpoint first: when it ends without a final answer sent and without
 * {@code SipStatus}, the best response is sent then.</li>
 * </ul>
 */
final class ProxyProducer extends DefaultAsyncProducer {

    /** Header set by proxy:check: true when the Request-URI's host is a local domain. */
    static final String LOCAL_TARGET = "SipProxyLocalTarget";
    /** Header set by proxy:check: true when the From host is a local domain (a local user calls: authenticate). */
    static final String LOCAL_CALLER = "SipProxyLocalCaller";

    private final ProxyEndpoint endpoint;
    private final boolean checkOnly;
    private AsyncProducer failure;

    ProxyProducer(ProxyEndpoint endpoint, boolean checkOnly) {
        super(endpoint);
        this.endpoint = endpoint;
        this.checkOnly = checkOnly;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (endpoint.getFailureRoute() != null) {
            failure = getEndpoint().getCamelContext().getEndpoint(endpoint.getFailureRoute()).createAsyncProducer();
            ServiceHelper.startService(failure);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(failure);
        failure = null;
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message m = exchange.getMessage();
        SipConnector connector = exchange.getProperty(SipHeaders.CONNECTOR, SipConnector.class);
        Object server = exchange.getProperty(SipHeaders.SERVER_EXCHANGE);
        try {
            if (connector == null) {
                throw new IllegalStateException("proxy:relay needs an exchange from a sip consumer");
            }
            if (!(server instanceof ServerContext ctx)) {
                Object sm = m.getHeader(SipHeaders.MESSAGE);
                if (sm instanceof SipMessageAdapter a && a.unwrap() instanceof SIPRequest r && Request.ACK.equals(r.getMethod())) {
                    ProxyAckRelay.relay(connector, r, edits(m));
                    callback.done(true);
                    return true;
                }
                throw new IllegalStateException("proxy:relay: no SIP request to relay in this exchange");
            }
            ProxyConfig config = endpoint.getComponent().config();
            if (checkOnly) {
                // the route's edits matter only to the Proxy-Require check: read them only when there is one
                ProxyEdits edits = ctx.request.getHeader(ProxyRequireHeader.NAME) == null ? ProxyEdits.NONE : edits(m);
                ProxyChecks.Refusal refusal = ProxyChecks.check(ctx, config.domains(), config.proxyRequire(), edits);
                if (refusal != null) {
                    m.setHeader(SipHeaders.STATUS, refusal.status());
                    m.setHeader(SipHeaders.REASON, refusal.reason());
                    if (refusal.unsupported() != null) {
                        m.setHeader(SipHeaders.HEADER_PREFIX + UnsupportedHeader.NAME, refusal.unsupported());
                    }
                }
                m.setHeader(LOCAL_TARGET, ProxyChecks.requestUriIsLocal(ctx, config.domains()));
                m.setHeader(LOCAL_CALLER, ProxyChecks.fromIsLocal(ctx, config.domains()));
                callback.done(true);
                return true;
            }
            if (Request.CANCEL.equals(ctx.request.getMethod())) {
                if (!ctx.finalResponseSent()) {
                    ctx.respond(481, null, null, null, null);
                    m.setHeader(SipHeaders.PROXY_STATUS, 481);
                } else {
                    m.setHeader(SipHeaders.PROXY_STATUS, 200);
                }
                callback.done(true);
                return true;
            }
            AtomicBoolean sync = new AtomicBoolean(true);
            AtomicBoolean finished = new AtomicBoolean();
            ProxyRelay.Settings settings = new ProxyRelay.Settings(config.domains(), endpoint.getInviteTimeout(),
                    endpoint.getTimeout(), endpoint.getComponent().listeners(), edits(m), config.proxyRequire());
            ProxyRelay.relay(ctx, targets(m.getHeader(SipHeaders.TARGETS)), settings, (relay, status, reason, best) -> {
                m.setHeader(SipHeaders.PROXY_STATUS, status);
                m.setHeader(SipHeaders.PROXY_REASON, reason);
                AsyncProducer f = failure;
                if (best != null && f != null) {
                    m.removeHeader(SipHeaders.TARGETS);
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
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
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

    /** The header edits of {@code SipProxyRemoveHeaders} and {@code SipProxyHeader.<Name>}. */
    static ProxyEdits edits(Message m) {
        List<String> remove = targets(m.getHeader(SipHeaders.PROXY_REMOVE_HEADERS));
        List<String> removeFromResponses = targets(m.getHeader(SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS));
        Map<String, Object> put = new LinkedHashMap<>();
        int n = SipHeaders.PROXY_HEADER_PREFIX.length();
        for (Map.Entry<String, Object> e : m.getHeaders().entrySet()) {
            String k = e.getKey();
            if (k.length() > n && k.regionMatches(true, 0, SipHeaders.PROXY_HEADER_PREFIX, 0, n) && e.getValue() != null) {
                put.put(k.substring(n), e.getValue());
            }
        }
        return remove.isEmpty() && put.isEmpty() && removeFromResponses.isEmpty() ? ProxyEdits.NONE
                : new ProxyEdits(remove, put, removeFromResponses);
    }

    static List<String> targets(Object header) {
        List<String> out = new ArrayList<>();
        if (header instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else if (header != null) {
            for (String s : header.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
