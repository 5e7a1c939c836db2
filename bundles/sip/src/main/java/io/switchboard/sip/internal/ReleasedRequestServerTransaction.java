package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The RI's server transaction, matching an RFC 2543 request (a top Via without a magic-cookie branch) after its own
 * request was released. With {@code RELEASE_REFERENCES_STRATEGY=Aggressive} a transaction keeps none of its request
 * after the final response; for RFC 3261 branches the RI matches retransmissions and the ACK on what it keeps (branch,
 * sent-by), but its RFC 2543 path reads the released request and fails (NullPointerException), so the retransmission
 * of a request whose response was lost went unanswered. Here that path compares transaction ids instead: for a request
 * without a branch the RI builds the id from the From tag, Call-ID, CSeq number and top Via's sent-by (the method only
 * for CANCEL), which is what RFC 3261 17.2.3 matches an RFC 2543 retransmission or ACK on.
 *
 * <p>Timer J (how long an answered non-INVITE transaction stays over UDP to absorb retransmissions of its request) is
 * the connector's {@code waitTimer} instead of 64*T1 (32 s): Kamailio's tm keeps a finished transaction 5 s
 * ({@code wt_timer}). At 1,500-2,000 calls/s the 32 s made the BYE transactions the largest live set of the heap
 * (about 50,000-64,000 at any time) and the transaction table grew through every load step (decisions 38).
 */
final class ReleasedRequestServerTransaction extends SIPServerTransactionImpl {

    private final long waitTicks;

    ReleasedRequestServerTransaction(SIPTransactionStack stack, MessageChannel channel, int waitTimer) {
        super(stack, channel);
        // the RI counts Timer J in ticks of its base timer interval (T1)
        this.waitTicks = Math.max(1, (waitTimer + baseTimerInterval - 1) / baseTimerInterval);
    }

    @Override
    protected void startTransactionTimerJ(long ticks) {
        // 0: a reliable transport, where the RI ends the transaction at once
        super.startTransactionTimerJ(Math.min(ticks, waitTicks));
    }

    @Override
    public boolean isMessagePartOfTransaction(SIPMessage message) {
        if (getOriginalRequest() == null && !Tags.rfc3261(message.getTopmostVia())) {
            String id = getTransactionId();
            return id != null && id.equals(message.getTransactionId());
        }
        return super.isMessagePartOfTransaction(message);
    }
}
