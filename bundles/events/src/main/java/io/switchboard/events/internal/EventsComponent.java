package io.switchboard.events.internal;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Camel component {@code events}: {@code events:publish}, {@code events:wait}, {@code events:subscribe},
 * {@code events:unsubscribe} (producers) and {@code events:TYPE} (a consumer: a lasting subscription).
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=events")
public class EventsComponent extends DefaultComponent {

    @Reference
    EventBusService service;

    private DefaultEventBus bus;

    public EventsComponent() {}

    /** Outside OSGi (tests): on this bus. */
    public EventsComponent(DefaultEventBus bus) {
        this.bus = bus;
    }

    DefaultEventBus bus() {
        return bus != null ? bus : service.bus();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isEmpty()) {
            throw new IllegalArgumentException("events: needs a name: events:publish, events:wait, "
                    + "events:subscribe, events:unsubscribe, or events:TYPE to consume");
        }
        EventsConfiguration configuration = new EventsConfiguration();
        configuration.setName(remaining);
        setProperties(configuration, parameters);
        EventsEndpoint endpoint = new EventsEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        endpoint.check();
        return endpoint;
    }
}
