package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipDialog;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request sent by a producer, waiting for its final response. Completes exactly once. */
final class ClientRequest {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRequest.class);

    /** Outcome of a request. */
    interface Callback {
        /**
         * @param response the final response, null when the status was generated locally (408 timeout, 503 transport
         * error)
         * @param status   status code
         * @param reason   reason phrase
         */
        void completed(SIPResponse response, int status, String reason);
    }

    /** The request could not be handed to the network. */
    static final class TransportFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TransportFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SipConnector connector;
    final SIPRequest request;
    final ClientTransaction transaction;
    /** Released (null) once the outcome is known: the transaction lingers (Timer K, 5 s) and must not keep the call. */
    private volatile Callback callback;
    /** The dialog the request was sent in, null for an out-of-dialog request. */
    final SipDialog dialog;

    private final AtomicBoolean done = new AtomicBoolean();
    volatile boolean provisionalReceived;
    /**
     * Set for a request relayed by the proxy: gets provisional responses, and its 2xx are not ACKed by us. Replaced by
     * a no-op once the outcome is known, so that the lingering transaction keeps neither the relay nor its exchange.
     */
    volatile Consumer<SIPResponse> provisionalListener;

    private static final Consumer<SIPResponse> RELEASED = r -> {};

    volatile ScheduledFuture<?> timeoutTask;
    /** Our timer CANCELled the INVITE: the 487 that the CANCEL causes is still our 408. */
    private volatile boolean timedOut;

    ClientRequest(
            SipConnector connector,
            SIPRequest request,
            ClientTransaction transaction,
            Callback callback,
            SipDialog dialog) {
        this.connector = connector;
        this.request = request;
        this.transaction = transaction;
        this.callback = callback;
        this.dialog = dialog;
    }

    void complete(SIPResponse response) {
        if (timedOut && response.getStatusCode() == 487) {
            // the callee answered our timer's CANCEL before the timer reported: on a fast link the 487 can win the
            // race, and a failure route (call forwarding on no answer) must still see the timeout
            completeLocally(408, "Request Timeout");
            return;
        }
        Callback c = finish();
        if (c != null) {
            c.completed(response, response.getStatusCode(), response.getReasonPhrase());
        }
    }

    void completeLocally(int status, String reason) {
        Callback c = finish();
        if (c != null) {
            c.completed(null, status, reason);
        }
    }

    /** The request never left: forget it without calling back (the sender reports the failure). */
    void abandon() {
        finish();
    }

    /** Our own timer fired before a final response: 408, and CANCEL a ringing INVITE. */
    void timedOut() {
        if (done.get()) {
            return;
        }
        if (Request.INVITE.equals(request.getMethod()) && provisionalReceived) {
            timedOut = true;
            try {
                Request cancel = transaction.createCancel();
                connector.provider().getNewClientTransaction(cancel).sendRequest();
                connector.requestsSent.increment();
                connector.traffic.sent((SIPMessage) cancel);
            } catch (Exception e) {
                LOG.debug("Could not CANCEL timed-out INVITE", e);
            }
        }
        completeLocally(408, "Request Timeout");
    }

    /**
     * The first call ends the request and hands over the callback, releasing what refers to the caller's state (the
     * proxy's relay, its exchange and the server transaction's context); later calls get null.
     */
    private Callback finish() {
        if (!done.compareAndSet(false, true)) {
            return null;
        }
        ScheduledFuture<?> t = timeoutTask;
        if (t != null) {
            t.cancel(false);
        }
        connector.forget(this);
        Callback c = callback;
        callback = null;
        if (provisionalListener != null) {
            provisionalListener = RELEASED;
        }
        return c;
    }
}
