package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventFilter;
import io.switchboard.events.EventsConstants;
import java.util.Set;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code events:publish?type=T}, {@code events:wait?type=T&filter=...&timeout=30000},
 * {@code events:subscribe?type=T&filter=...&to=direct:x}, {@code events:unsubscribe} (producers) and
 * {@code events:T?filter=...} (consumer).
 */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "events",
        title = "Event bus (Switchboard)",
        syntax = "events:name",
        category = {Category.CORE},
        headersClass = EventsConstants.class)
public class EventsEndpoint extends DefaultEndpoint {

    private static final Set<String> ACTIONS = Set.of(
            EventsConfiguration.PUBLISH,
            EventsConfiguration.WAIT,
            EventsConfiguration.SUBSCRIBE,
            EventsConfiguration.UNSUBSCRIBE);

    @UriParam
    private final EventsConfiguration configuration;

    private volatile Expression dynamicFilter;

    EventsEndpoint(String uri, EventsComponent component, EventsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    /** Fails at route start for what could only fail on the first exchange. */
    void check() {
        String name = configuration.getName();
        boolean action = ACTIONS.contains(name);
        if (action && !EventsConfiguration.UNSUBSCRIBE.equals(name) && isBlank(configuration.getType())) {
            throw new IllegalArgumentException("events:" + name + " needs type=<event type>");
        }
        if (EventsConfiguration.SUBSCRIBE.equals(name) && isBlank(configuration.getTo())) {
            throw new IllegalArgumentException("events:subscribe needs to=<endpoint the events go to>");
        }
        if (EventsConfiguration.WAIT.equals(name) && configuration.getTimeout() == 0) {
            throw new IllegalArgumentException("events:wait needs a timeout above 0 milliseconds");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public EventsComponent getComponent() {
        return (EventsComponent) super.getComponent();
    }

    public EventsConfiguration getConfiguration() {
        return configuration;
    }

    DefaultEventBus bus() {
        return getComponent().bus();
    }

    @Override
    public Producer createProducer() {
        return switch (configuration.getName()) {
            case EventsConfiguration.PUBLISH -> new EventsPublishProducer(this);
            case EventsConfiguration.WAIT -> new EventsWaitProducer(this);
            case EventsConfiguration.SUBSCRIBE, EventsConfiguration.UNSUBSCRIBE -> new EventsSubscribeProducer(this);
            default ->
                throw new IllegalArgumentException("events:" + configuration.getName() + " is a consumer (an event "
                        + "type); producers are events:publish, events:wait, events:subscribe, events:unsubscribe");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (ACTIONS.contains(configuration.getName())) {
            throw new IllegalArgumentException("events:" + configuration.getName() + " is a producer; consume an "
                    + "event type: events:REGISTER, events:DIALOG, events:*");
        }
        EventsConsumer consumer = new EventsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The filter for this exchange: the option, its {@code ${...}} evaluated as Simple against the exchange. */
    EventFilter filter(Exchange exchange) {
        String text = configuration.getFilter();
        if (text == null || exchange == null || !text.contains("${")) {
            return EventFilter.parse(text);
        }
        Expression e = dynamicFilter;
        if (e == null) {
            e = getCamelContext().resolveLanguage("simple").createExpression(text);
            e.init(getCamelContext());
            dynamicFilter = e;
        }
        return EventFilter.parse(e.evaluate(exchange, String.class));
    }

    /** Puts the event on a message: each attribute as a header of its name, the type and the running number. */
    static void copy(Event e, Message m) {
        e.attributes().forEach(m::setHeader);
        m.setHeader(EventsConstants.EVENT_TYPE, e.type());
        m.setHeader(EventsConstants.EVENT_SEQUENCE, e.sequence());
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
