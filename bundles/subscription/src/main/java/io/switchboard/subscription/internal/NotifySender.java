package io.switchboard.subscription.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.subscription.NotifyBody;
import java.util.function.IntConsumer;

/** Sends one NOTIFY inside a dialog and reports the final status (408 for a timeout, 503 for a transport error). */
interface NotifySender {

    void send(SipDialog dialog, String event, String subscriptionState, NotifyBody body, IntConsumer onFinalStatus);
}
