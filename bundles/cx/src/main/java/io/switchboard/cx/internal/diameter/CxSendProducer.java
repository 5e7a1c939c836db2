package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxHeaders;
import io.switchboard.cx.HssRequests;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code cx:deregister} (RTR) and {@code cx:push-profile} (PPR): sends and continues the exchange when every answer is
 * in, without parking a thread. Out: the body is the {@code List<CxDelivery>}, {@code CxDelivered} whether every
 * S-CSCF answered 2001.
 */
final class CxSendProducer extends DefaultAsyncProducer {

    private final String sending;

    CxSendProducer(CxEndpoint endpoint, String sending) {
        super(endpoint);
        this.sending = sending;
    }

    @Override
    public CxEndpoint getEndpoint() {
        return (CxEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletionStage<List<CxDelivery>> sent;
        try {
            sent = send(getEndpoint().getComponent().requests(), exchange.getMessage());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        sent.whenComplete((deliveries, error) -> {
            if (error != null) {
                exchange.setException(error);
            } else {
                exchange.getMessage().setBody(deliveries);
                exchange.getMessage()
                        .setHeader(CxHeaders.DELIVERED, deliveries.stream().allMatch(CxDelivery::delivered));
            }
            callback.done(false);
        });
        return false;
    }

    private CompletionStage<List<CxDelivery>> send(HssRequests requests, Message in) {
        String identity = in.getHeader(CxHeaders.IDENTITY, String.class);
        if ("push-profile".equals(sending)) {
            String profile = in.getHeader(CxHeaders.PROFILE, String.class);
            if (profile != null && !profile.isBlank()) {
                return requests.pushProfileChange(profile.trim());
            }
            return requests.pushProfile(required(identity, "IMPI"));
        }
        Integer reason = in.getHeader(CxHeaders.REASON_CODE, 0, Integer.class);
        return requests.deregister(
                required(identity, "IMPI or IMPU"), reason, in.getHeader(CxHeaders.REASON_INFO, String.class));
    }

    private String required(String identity, String what) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException(
                    getEndpoint().getEndpointUri() + " needs header " + CxHeaders.IDENTITY + " (" + what + ")");
        }
        return identity.trim();
    }
}
