package io.switchboard.sip.internal;

import io.switchboard.sip.SipProxyHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code proxy:relay[?failureRoute=direct:x&inviteTimeout=120000&timeout=32000]} ({@link ProxyRelayProducer}) and
 * {@code proxy:check} ({@link ProxyCheckProducer}), {@code proxy:branch} ({@link ProxyBranchProducer}); producers
 * only, on the exchange of a {@code sip} consumer.
 */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "proxy",
        title = "SIP stateful proxy (Switchboard)",
        syntax = "proxy:action",
        producerOnly = true,
        category = {Category.NETWORKING},
        headersClass = SipProxyHeaders.class)
public class ProxyEndpoint extends DefaultEndpoint {

    @UriParam
    private final ProxyConfiguration configuration;

    ProxyEndpoint(String uri, ProxyComponent component, ProxyConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ProxyComponent getComponent() {
        return (ProxyComponent) super.getComponent();
    }

    public ProxyConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        if (ProxyConfiguration.CHECK.equals(configuration.getAction())) {
            return new ProxyCheckProducer(this);
        }
        return ProxyConfiguration.BRANCH.equals(configuration.getAction())
                ? new ProxyBranchProducer(this)
                : new ProxyRelayProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("proxy:" + configuration.getAction() + " is a producer only");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
