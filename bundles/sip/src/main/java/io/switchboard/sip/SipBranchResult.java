package io.switchboard.sip;

/** What {@link SipRelayHandle#addBranch} (and {@code proxy:branch}, header {@code SipProxyBranchResult}) did. */
public enum SipBranchResult {
    /** The branch was sent. */
    ADDED,
    /** Refused: a branch answered 2xx already (the call is connected). */
    ANSWERED,
    /** Refused: the caller CANCELled the INVITE. */
    CANCELLED,
    /** Refused: the relay has its final outcome (every branch failed and nothing held it). */
    ENDED,
    /** Refused: no relay of that Call-ID is running. */
    NOT_FOUND,
    /** Refused: the URI is not a SIP URI, or it is this proxy itself. */
    BAD_TARGET
}
