package io.switchboard.sip;

import java.util.List;
import java.util.Map;

/**
 * One INVITE the stateful proxy is forking, seen from outside the relay ({@link SipProxyCalls}). Every method is
 * serialised with the relay's own handling of its responses (the relay's per-transaction lock), so a branch added
 * while another answers is either refused ({@link SipBranchResult#ANSWERED}) or CANCELled with the others, never
 * left ringing after the call was answered.
 */
public interface SipRelayHandle {

    /** The Call-ID of the relayed INVITE. */
    String callId();

    /**
     * Adds a branch to the running fork: a copy of the relayed INVITE (the same one the first branches got:
     * Record-Route, Max-Forwards, the route's edits) with {@code uri} as Request-URI, {@code headers} put on it
     * (replacing those of the same name; e.g. {@code Call-Info: <sip:host>;answer-after=0}), our Via, and the
     * relay's INVITE ring time.
     * Its provisional responses and a 2xx go upstream as those of the other branches; its failure counts in the best
     * response. Refused once a 2xx was forwarded, after the caller CANCELled, and after the relay ended.
     *
     * @param headers      header name to values (each value one header), may be null
     * @param cancelOthers true to CANCEL every other pending branch in the same step (pickup): the new branch is then
     *                     the only one that can still answer
     */
    SipBranchResult addBranch(String uri, Map<String, List<String>> headers, boolean cancelOthers);

    /**
     * CANCELs every pending branch (a branch without provisional response when it gets one, RFC 3261 9.1). The relay
     * then ends with the best response of its branches, unless a hold or a branch added later keeps it going.
     *
     * @return how many branches were pending
     */
    int cancelBranches();

    /**
     * Keeps the caller's server transaction open for at most {@code millis} even when every branch has failed: the
     * best response (or 480 when there never was a branch) is sent only when no hold is left. Ends at
     * {@link #releaseHolds()}, a caller's CANCEL, a 2xx, or after {@code millis}.
     *
     * @return false when the relay was answered, CANCELled or ended (nothing to hold)
     */
    boolean hold(long millis);

    /** Ends every hold of this relay (also the one of {@code proxy:relay?holdFor=}); the relay may end now. */
    void releaseHolds();

    /** True once a branch answered 2xx. */
    boolean answered();

    /** True once the relay has its final outcome (no branch can be added any more). */
    boolean ended();
}
