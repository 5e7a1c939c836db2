package io.switchboard.events.internal.push;

import io.switchboard.events.EventsConstants;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code push:woken}, after the push route's {@code events:wait}: the call's targets are the contacts that were not
 * pushed plus the contact of the woken device's REGISTER (header {@code contact}); at the time-out, the other
 * contacts alone, or 480 when there are none (the pushed devices never came).
 */
final class PushWokenProducer extends DefaultProducer {

    PushWokenProducer(Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        List<String> targets = new ArrayList<>();
        Object others = m.getHeader(PushHeaders.OTHER_TARGETS);
        if (others instanceof Iterable<?> list) {
            list.forEach(t -> targets.add(String.valueOf(t)));
        }
        boolean timedOut = Boolean.TRUE.equals(m.getHeader(EventsConstants.EVENT_TIMEOUT, Boolean.class));
        // the pushed device un-registering is no wake-up: its contact is gone
        if (!timedOut && !"removed".equals(m.getHeader("change", String.class))) {
            String contact = m.getHeader("contact", String.class);
            if (contact != null && !targets.contains(contact)) {
                targets.add(contact);
            }
        }
        if (targets.isEmpty()) {
            m.setHeader("SipStatus", 480);
            m.removeHeader(PushHeaders.TARGETS);
        } else {
            m.setHeader(PushHeaders.TARGETS, targets);
        }
    }
}
