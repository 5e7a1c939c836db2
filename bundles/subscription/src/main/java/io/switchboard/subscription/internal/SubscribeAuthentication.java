package io.switchboard.subscription.internal;

import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SourceSubnets;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Who sends a new SUBSCRIBE, for every event package alike: the layer asks before any package sees the request, so a
 * package cannot forget it. In this order:
 * <ol>
 * <li>a source in {@code trusted_sources}: its From AoR, without challenge;</li>
 * <li>{@code SipAuthUser} already set (a route ran {@code registrar:authenticate}, or its own check, before): that
 * user (the {@code sip} component never makes a Camel header of a SIP header, so only a route can set it);</li>
 * <li>otherwise the registrar's {@code registrar:authenticate} on the exchange, the digest check of calls: 407 with
 * {@code Proxy-Authenticate}, 403 for wrong credentials or a user that is no subscriber of the From domain, and on
 * success {@code SipAuthUser};</li>
 * <li>no registrar: 403 (nobody can be authenticated, so nobody may subscribe).</li>
 * </ol>
 * The registrar is reached through its Camel endpoint, not its Java API: the subscription layer needs no import of
 * the registrar, and the challenge is exactly the one calls get (realm, algorithms, nonce lifetime of
 * {@code etc/io.switchboard.registrar.cfg}).
 */
final class SubscribeAuthentication {

    /** The registrar's authentication endpoint (component {@code registrar}). */
    static final String AUTHENTICATE = "registrar:authenticate";
    /** The header the registrar sets on success ({@code RegistrarHeaders.AUTH_USER}). */
    static final String AUTH_USER = "SipAuthUser";

    private volatile ProducerTemplate template;
    private volatile CamelContext templateContext;

    /**
     * The watcher ({@code user@domain}) of a new SUBSCRIBE, or null when it is refused: the answer (407, 403, 400)
     * is then set on the exchange.
     */
    String watcher(Exchange exchange, SourceSubnets trusted) {
        Message in = exchange.getIn();
        if (trusted.contains(in.getHeader(SipHeaders.SOURCE_ADDRESS, String.class))) {
            String from = SipAddresses.aor(in.getHeader(SipHeaders.FROM_URI, String.class));
            if (from == null) {
                refuse(in, 403, "Forbidden (From without user)");
            }
            return from;
        }
        String already = in.getHeader(AUTH_USER, String.class);
        if (already != null) {
            return already;
        }
        CamelContext context = exchange.getContext();
        if (context.hasComponent("registrar") == null) {
            refuse(in, 403, "Forbidden (no registrar to authenticate subscribers)");
            return null;
        }
        Endpoint endpoint = context.getEndpoint(AUTHENTICATE);
        templateOf(context).send(endpoint, exchange);
        if (exchange.getException() != null || in.getHeader(SipHeaders.STATUS) != null) {
            return null; // the registrar's challenge or refusal
        }
        String user = in.getHeader(AUTH_USER, String.class);
        if (user == null) {
            refuse(in, 403, "Forbidden (not authenticated)");
        }
        return user;
    }

    private ProducerTemplate templateOf(CamelContext context) {
        ProducerTemplate t = template;
        if (t == null || templateContext != context) {
            synchronized (this) {
                if (template == null || templateContext != context) {
                    ServiceHelper.stopService(template); // of a platform context that was restarted
                    template = context.createProducerTemplate();
                    templateContext = context;
                }
                t = template;
            }
        }
        return t;
    }

    static void refuse(Message in, int status, String reason) {
        in.setHeader(SipHeaders.STATUS, status);
        in.setHeader(SipHeaders.REASON, reason);
    }
}
