package io.switchboard.ussd.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipRequestSender;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * INFO, BYE and INVITE through the sip producer (as the subscription layer sends its NOTIFYs): in-dialog requests
 * from the stored {@link SipDialog}, no thread waits for the answers.
 */
final class CamelSender implements UssdSender {

    private final SipRequestSender sender;

    CamelSender(CamelContext context, String endpointUri) {
        this.sender = new SipRequestSender(context, endpointUri);
    }

    @Override
    public void inDialog(
            SipDialog dialog,
            String method,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            IntConsumer done) {
        IntConsumer d = done == null ? s -> {} : done;
        sender.send(
                method,
                m -> {
                    m.setHeader(SipHeaders.DIALOG, dialog);
                    fill(m, headers, contentType, body);
                },
                (status, reason, dialogAfter) -> d.accept(status));
    }

    @Override
    public void invite(
            String requestUri,
            String from,
            String to,
            String callId,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            InviteDone done) {
        sender.send(
                "INVITE",
                m -> {
                    m.setHeader(SipHeaders.REQUEST_URI, requestUri);
                    m.setHeader(SipHeaders.FROM_URI, from);
                    m.setHeader(SipHeaders.TO_URI, to);
                    m.setHeader(SipHeaders.HEADER_PREFIX + "Call-ID", callId);
                    fill(m, headers, contentType, body);
                },
                done::done);
    }

    private static void fill(Message m, Map<String, String> headers, String contentType, byte[] body) {
        headers.forEach((name, value) -> m.setHeader(SipHeaders.HEADER_PREFIX + name, value));
        if (contentType != null && body != null) {
            m.setHeader(SipHeaders.CONTENT_TYPE, contentType);
            m.setBody(body);
        }
    }

    void stop() {
        sender.stop();
    }
}
