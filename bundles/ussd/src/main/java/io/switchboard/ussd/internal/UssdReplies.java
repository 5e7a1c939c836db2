package io.switchboard.ussd.internal;

/** The SIP headers the gateway announces in both directions (our 200, our INVITE, 405 and 415). */
final class UssdReplies {

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";
    static final String ACCEPT = "application/sdp, application/vnd.3gpp.ussd+xml";

    private UssdReplies() {}
}
