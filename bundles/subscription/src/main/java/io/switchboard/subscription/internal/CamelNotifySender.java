package io.switchboard.subscription.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipRequestSender;
import io.switchboard.subscription.NotifyBody;
import java.util.function.IntConsumer;
import org.apache.camel.CamelContext;

/**
 * NOTIFY in the subscription's dialog (Request-URI, tags, CSeq and route set from the dialog) through the sip producer.
 */
final class CamelNotifySender implements NotifySender {

    private final SipRequestSender sender;

    CamelNotifySender(CamelContext context, String endpointUri) {
        this.sender = new SipRequestSender(context, endpointUri);
    }

    @Override
    public void send(
            SipDialog dialog, String event, String subscriptionState, NotifyBody body, IntConsumer onFinalStatus) {
        sender.send(
                "NOTIFY",
                m -> {
                    m.setHeader(SipHeaders.DIALOG, dialog);
                    m.setHeader(SipHeaders.HEADER_PREFIX + "Event", event);
                    m.setHeader(SipHeaders.HEADER_PREFIX + "Subscription-State", subscriptionState);
                    body.headers().forEach((name, value) -> m.setHeader(SipHeaders.HEADER_PREFIX + name, value));
                    if (!body.isEmpty()) {
                        m.setHeader(SipHeaders.CONTENT_TYPE, body.contentType());
                        m.setBody(body.body());
                    }
                },
                (status, reason, d) -> onFinalStatus.accept(status));
    }

    void stop() {
        sender.stop();
    }
}
