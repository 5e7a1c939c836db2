package io.switchboard.ussd.internal;

import io.switchboard.sip.SipDialog;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The requests the gateway originates (our INFO and BYE in a session's dialog, the INVITE of a network-initiated
 * session). An interface so that the session logic can be tested without a SIP stack; {@link CamelSender} is the
 * one that goes through the sip component.
 */
interface UssdSender {

    /** An in-dialog request built from {@code dialog} (tags, CSeq + 1, Request-URI = remote target, route set). */
    void inDialog(
            SipDialog dialog,
            String method,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            IntConsumer done);

    /** An out-of-dialog INVITE; {@code done} gets the final status and, for a 2xx, the UAC dialog. */
    void invite(
            String requestUri,
            String from,
            String to,
            String callId,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            InviteDone done);

    /** The outcome of {@link #invite}: called once, on a SIP thread. */
    interface InviteDone {
        void done(int status, String reason, SipDialog dialog);
    }
}
