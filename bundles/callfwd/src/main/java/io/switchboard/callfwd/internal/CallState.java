package io.switchboard.callfwd.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the call features know about one call, kept as an exchange property for the life of the INVITE's exchange
 * (its failure routes included): the features of every user reached, read once each, so that no branch, retry or
 * failure route reads the store again; the forward chain; the user ringing now.
 */
final class CallState {

    /** The exchange property that holds it. */
    static final String PROPERTY = "SwitchboardCallFwdState";

    final Map<String, UserFeatures> features = new HashMap<>();
    final ForwardChain chain;
    final List<String> decisions = new ArrayList<>(2);
    /** user@domain of the local user the call goes to now; null while it goes outside. */
    String current;
    /** The SIP URI of {@link #current}. */
    String currentUri;

    CallState(ForwardChain chain, String current, String currentUri) {
        this.chain = chain;
        this.current = current;
        this.currentUri = currentUri;
    }
}
