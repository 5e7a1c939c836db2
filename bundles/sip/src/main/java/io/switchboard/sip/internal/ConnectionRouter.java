package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.DefaultRouter;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

/**
 * The stack's router (JAIN-SIP {@code javax.sip.ROUTER_PATH}): a request that carries a {@link Hop} as its
 * application data goes to that hop, any other the way the stack's {@link DefaultRouter} sends it (Route, else
 * Request-URI). The proxy sets such a hop to send a request to a contact over the connection the contact registered
 * on (Kamailio's destination URI from the location's {@code received}), which the stack then finds open in its
 * connection cache and reuses, instead of connecting to the contact's address.
 */
public final class ConnectionRouter implements Router {

    private final DefaultRouter delegate;

    /** The constructor JAIN-SIP calls (reflection, with the stack and its outbound proxy). */
    public ConnectionRouter(SipStack stack, String outboundProxy) {
        this.delegate = new DefaultRouter(stack, outboundProxy);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPMessage m && m.getApplicationData() instanceof Hop hop) {
            return hop;
        }
        return delegate.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return delegate.getOutboundProxy();
    }

    @Override
    @SuppressWarnings({"rawtypes", "deprecation"})
    public ListIterator getNextHops(Request request) {
        return delegate.getNextHops(request);
    }
}
