package io.switchboard.events.internal.push;

import io.switchboard.events.EventsConstants;
import java.util.List;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code push:woken}, in the push route's REGISTER handler (the {@code events:subscribe} of a call waiting for its
 * pushed devices): when the event is a pushed device that registered (not the subscription's time-out, not a
 * removal), sets {@code PushWoken=true}, {@code SipTargets} to its contact and {@code SipProxyCallId} to the waiting
 * call's Call-ID ({@code SipCallId}, copied by the subscription), so that {@code proxy:branch} adds the device as a
 * branch of the call already ringing elsewhere; else {@code PushWoken=false}.
 */
final class PushWokenProducer extends DefaultProducer {

    /** {@code proxy:branch}'s input: the Call-ID of the relay to add the branch to (SipProxyHeaders.CALL_ID). */
    static final String PROXY_CALL_ID = "SipProxyCallId";

    PushWokenProducer(Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        boolean timedOut = Boolean.TRUE.equals(m.getHeader(EventsConstants.EVENT_TIMEOUT, Boolean.class));
        String contact = m.getHeader("contact", String.class);
        String callId = m.getHeader("SipCallId", String.class);
        // the pushed device un-registering is no wake-up: its contact is gone
        boolean woken = !timedOut
                && !"removed".equals(m.getHeader("change", String.class))
                && contact != null
                && callId != null;
        m.setHeader(PushHeaders.WOKEN, woken);
        if (woken) {
            m.setHeader(PushHeaders.TARGETS, List.of(contact));
            m.setHeader(PROXY_CALL_ID, callId);
        }
    }
}
