package io.switchboard.ussd.internal;

import io.switchboard.sip.SipHeaders;

import org.apache.camel.Message;

/**
 * The SIP headers the gateway announces in both directions (our 200, our INVITE, 405 and 415), and the answer to
 * a request set on the exchange for the sip consumer to send at the route's end.
 */
final class UssdReplies {

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";
    static final String ACCEPT = "application/sdp, application/vnd.3gpp.ussd+xml";

    private UssdReplies() {
    }

    static void reply(Message m, int status, String reason) {
        m.setHeader(SipHeaders.STATUS, status);
        if (reason != null) {
            m.setHeader(SipHeaders.REASON, reason);
        }
    }
}
