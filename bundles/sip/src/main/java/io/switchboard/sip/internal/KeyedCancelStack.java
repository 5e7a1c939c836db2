package io.switchboard.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.util.Locale;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * The JAIN-SIP RI stack with the INVITE a CANCEL cancels found by key instead of by a walk over every transaction.
 * The RI's {@code findCancelTransaction} tests each server (or client) transaction in turn: O(transactions) per
 * CANCEL, run twice for each received CANCEL (the stack's dialog filter, then our connector) and once per CANCEL the
 * proxy sends. With UDP transactions lingering 32 s that is tens of thousands of tests per CANCEL at 1,000 calls/s;
 * JFR of a 1,000 calls/s step that fell behind (SIPp CANCELs the calls it gives up) found 55 % of the CPU samples in
 * that walk, which made the proxy slower the more it fell behind. A CANCEL carries the branch of the INVITE it
 * cancels (RFC 3261 9.1), and the RI keys a transaction with an RFC 3261 branch by that branch in lower case, so one
 * lookup finds the only candidate, which the RI's own match test then checks. A branch without the magic cookie (RFC
 * 2543 peers) still takes the RI's walk.
 *
 * <p>Its server transactions are {@link ReleasedRequestServerTransaction}s, which match an RFC 2543 retransmission
 * after the transaction released its request, and stay {@code waitTimer} ms after a non-INVITE final response.
 */
final class KeyedCancelStack extends SipStackImpl {

    private final int waitTimer;

    /** A stack whose answered non-INVITE server transactions stay {@code waitTimer} ms (Timer J over UDP). */
    KeyedCancelStack(Properties properties, int waitTimer) throws PeerUnavailableException {
        super(properties);
        this.waitTimer = waitTimer;
    }

    /**
     * As the RI's: past the low-water mark of {@code MAX_SERVER_TRANSACTIONS} a new transaction is refused with a
     * probability growing to 1 at the high-water mark (the request is then answered statelessly or dropped).
     */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize) {
            float fill = (float) (serverTransactionTable.size() - serverTransactionTableLowaterMark)
                    / (float) (serverTransactionTableHighwaterMark - serverTransactionTableLowaterMark);
            if (Math.random() > 1.0 - fill) {
                return null;
            }
        }
        return new ReleasedRequestServerTransaction(this, channel, waitTimer);
    }

    @Override
    public SIPTransaction findCancelTransaction(SIPRequest cancel, boolean isServer) {
        Via via = cancel.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        if (!Tags.rfc3261(via)) {
            return super.findCancelTransaction(cancel, isServer);
        }
        String key = branch.toLowerCase(Locale.ROOT);
        if (isServer) {
            SIPServerTransaction tx = serverTransactionTable.get(key);
            return tx != null && tx.doesCancelMatchTransaction(cancel) ? tx : null;
        }
        SIPClientTransaction tx = clientTransactionTable.get(key);
        return tx != null && tx.doesCancelMatchTransaction(cancel) ? tx : null;
    }
}
