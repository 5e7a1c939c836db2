package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventsConstants;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code events:subscribe?type=T&filter=...&to=direct:x[&timeout=..&oneShot=..&bindToCall=..]}: a subscription
 * made at run time by a route, for the duration of a call: each matching event goes to {@code to} as an exchange
 * (attributes as headers, {@code EventSubscriptionId}); removed at its first match (one-shot, the default), at its
 * time-out (then one exchange with {@code EventTimeout=true} goes to {@code to}), or when the call of header
 * {@code SipCallId} ends. {@code headers=a,b}: those headers of the subscribing exchange go into every exchange sent
 * to {@code to} (the handler then knows which call it serves). Sets {@code EventSubscriptionId}.
 * {@code events:unsubscribe} removes the subscription of that header.
 */
final class EventsSubscribeProducer extends DefaultProducer {

    private static final String CALL_ID = "SipCallId";

    private final EventsEndpoint endpoint;
    private Producer target;

    EventsSubscribeProducer(EventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    private boolean subscribes() {
        return EventsConfiguration.SUBSCRIBE.equals(endpoint.getConfiguration().getName());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (subscribes()) {
            target = getEndpoint()
                    .getCamelContext()
                    .getEndpoint(endpoint.getConfiguration().getTo())
                    .createProducer();
            ServiceHelper.startService(target);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(target);
        target = null;
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) {
        if (!subscribes()) {
            String id = exchange.getMessage().getHeader(EventsConstants.SUBSCRIPTION_ID, String.class);
            if (id != null) {
                endpoint.bus().unsubscribe(id);
            }
            return;
        }
        EventsConfiguration c = endpoint.getConfiguration();
        String call = c.isBindToCall() ? exchange.getMessage().getHeader(CALL_ID, String.class) : null;
        String owner = "route " + exchange.getFromRouteId() + (call == null ? "" : " call " + call);
        Map<String, Object> carried = carried(exchange.getMessage(), c.getHeaders());
        Subscription[] self = new Subscription[1];
        SubscriptionSpec spec = new SubscriptionSpec(
                c.getType(),
                endpoint.filter(exchange),
                owner,
                c.isOneShot(),
                c.getTimeout(),
                call,
                () -> send(null, idOf(self), carried));
        // the handler may run on a delivery thread before subscribe() returns: it waits for the handle here
        synchronized (self) {
            self[0] = endpoint.bus().subscribe(spec, e -> send(e, idOf(self), carried));
        }
        exchange.getMessage().setHeader(EventsConstants.SUBSCRIPTION_ID, self[0].id());
    }

    private static String idOf(Subscription[] self) {
        synchronized (self) {
            return self[0].id();
        }
    }

    /** The headers named in {@code names} (comma-separated, may be null) that {@code m} has. */
    private static Map<String, Object> carried(Message m, String names) {
        if (names == null || names.isBlank()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            Object v = m.getHeader(name.trim());
            if (v != null) {
                out.put(name.trim(), v);
            }
        }
        return out;
    }

    private void send(Event e, String id, Map<String, Object> carried) {
        Endpoint to = target.getEndpoint();
        Exchange out = to.createExchange();
        carried.forEach(out.getIn()::setHeader);
        if (e != null) {
            EventsEndpoint.copy(e, out.getIn());
            out.getIn().setBody(e.attributes());
        } else {
            out.getIn()
                    .setHeader(
                            EventsConstants.EVENT_TYPE,
                            endpoint.getConfiguration().getType());
        }
        out.getIn().setHeader(EventsConstants.EVENT_TIMEOUT, e == null);
        out.getIn().setHeader(EventsConstants.SUBSCRIPTION_ID, id);
        try {
            target.process(out);
        } catch (Exception x) {
            out.setException(x);
        }
        if (out.getException() != null) {
            throw new IllegalStateException(
                    "events:subscribe delivery to " + to.getEndpointUri() + " failed", out.getException());
        }
    }
}
