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
 */
final class ReleasedRequestServerTransaction extends SIPServerTransactionImpl {

    ReleasedRequestServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
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
