package io.switchboard.registrar.internal;

import java.util.function.Consumer;

import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** A producer-only endpoint that runs one action on the exchange, in the caller's thread. */
class ActionEndpoint extends DefaultEndpoint {

    private final Consumer<Exchange> action;

    ActionEndpoint(String uri, Component component, Consumer<Exchange> action) {
        super(uri, component);
        this.action = action;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                action.accept(exchange);
            }
        };
    }

    @Override
    public org.apache.camel.Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " can only be used in to(...)");
    }
}
