package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventsConstants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code events:publish?type=T[&headers=a,b]}: publishes an event of type T whose attributes are the exchange's
 * headers (every scalar one, or those named); sets {@code EventSequence} to its number.
 */
final class EventsPublishProducer extends DefaultProducer {

    private final EventsEndpoint endpoint;
    private final List<String> names;

    EventsPublishProducer(EventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        String h = endpoint.getConfiguration().getHeaders();
        this.names = h == null || h.isBlank()
                ? null
                : List.of(h.split(",")).stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (names != null) {
            for (String n : names) {
                attributes.put(n, headers.get(n));
            }
        } else {
            headers.forEach((k, v) -> {
                if (isScalar(v)) {
                    attributes.put(k, v);
                }
            });
        }
        Event e = endpoint.bus().publish(endpoint.getConfiguration().getType(), attributes);
        exchange.getMessage().setHeader(EventsConstants.EVENT_SEQUENCE, e.sequence());
    }

    /** Strings, numbers, booleans and enums: values a filter can compare (not a SipMessage, not a dialog). */
    static boolean isScalar(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>;
    }
}
