package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** {@code dialplan:translate?id=N[&input=..&output=..]}: a producer only ({@link DialplanProducer}). */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "dialplan",
        title = "Dial plans (Switchboard)",
        syntax = "dialplan:action",
        producerOnly = true,
        category = {Category.NETWORKING},
        headersClass = DialplanHeaders.class)
public class DialplanEndpoint extends DefaultEndpoint {

    @UriParam
    private final DialplanConfiguration configuration;

    DialplanEndpoint(String uri, DialplanComponent component, DialplanConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public DialplanComponent getComponent() {
        return (DialplanComponent) super.getComponent();
    }

    public DialplanConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new DialplanProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dialplan:translate is a producer only");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
