package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Hands a response that matches no client transaction straight to the connector. For such a response the stack
 * walks its whole client transaction table (for RFC 2543 peers), which costs O(transactions) per response: under
 * load the callees' 2xx retransmissions made that walk the busiest code of the proxy, and the slower the proxy got
 * the more retransmissions came. A branch with the RFC 3261 magic cookie is looked up by key alone, as the stack
 * does for requests; older branches still take the stack's way.
 */
final class StrayResponseValve implements SIPMessageValve {

    private final SIPTransactionStack stack;
    private final SipConnector connector;

    StrayResponseValve(SIPTransactionStack stack, SipConnector connector) {
        this.stack = stack;
        this.connector = connector;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (!(response instanceof SIPResponse r)) {
            return true;
        }
        String key = r.getTransactionId();
        if (key == null || !key.startsWith(Tags.MAGIC_COOKIE) || stack.findTransaction(key, false) != null) {
            return true; // the stack's own way: a known transaction, or an RFC 2543 branch
        }
        connector.onResponse(r, null);
        return false;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) {
        // built with its stack
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
