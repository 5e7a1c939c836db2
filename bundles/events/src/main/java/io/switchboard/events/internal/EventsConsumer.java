package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code from events:TYPE?filter=...}: a lasting subscription while the route runs; each matching event is one
 * InOnly exchange (attributes as headers, the attribute map as body), run on the bus's delivery thread in
 * publishing order.
 */
final class EventsConsumer extends DefaultConsumer {

    private final EventsEndpoint endpoint;
    private volatile Subscription subscription;

    EventsConsumer(EventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EventsConfiguration c = endpoint.getConfiguration();
        String owner = getRouteId() == null ? endpoint.getEndpointUri() : "route " + getRouteId();
        subscription =
                endpoint.bus().subscribe(SubscriptionSpec.of(c.getName(), endpoint.filter(null), owner), this::onEvent);
    }

    @Override
    protected void doStop() throws Exception {
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        super.doStop();
    }

    private void onEvent(Event e) {
        Exchange exchange = createExchange(false);
        try {
            EventsEndpoint.copy(e, exchange.getIn());
            exchange.getIn().setBody(e.attributes());
            getProcessor().process(exchange);
        } catch (Exception x) {
            exchange.setException(x);
        }
        if (exchange.getException() != null) {
            getExceptionHandler()
                    .handleException("Error processing event " + e.type(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
