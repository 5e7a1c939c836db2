package io.switchboard.events.internal.push;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** {@code push:notify} or {@code push:woken}: producers only. */
final class PushEndpoint extends DefaultEndpoint {

    private final String name;
    private final PushService service;

    PushEndpoint(String uri, PushComponent component, String name, PushService service) {
        super(uri, component);
        this.name = name;
        this.service = service;
    }

    @Override
    public Producer createProducer() {
        return PushComponent.NOTIFY.equals(name) ? new PushNotifyProducer(this, service) : new PushWokenProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("push:" + name + " is a producer only");
    }
}
