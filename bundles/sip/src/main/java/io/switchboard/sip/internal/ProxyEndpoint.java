package io.switchboard.sip.internal;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code proxy:relay[?failureRoute=direct:x&inviteTimeout=120000&timeout=32000]}: see {@link ProxyProducer}.
 */
public class ProxyEndpoint extends DefaultEndpoint {

    private String failureRoute;
    private long inviteTimeout = 120_000;
    private long timeout = 32_000;

    ProxyEndpoint(String uri, ProxyComponent component) {
        super(uri, component);
    }

    @Override
    public ProxyComponent getComponent() {
        return (ProxyComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ProxyProducer(this, getEndpointUri().startsWith("proxy:check") || getEndpointUri().startsWith("proxy://check"));
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("proxy:relay is a producer only");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    public String getFailureRoute() {
        return failureRoute;
    }

    /** Endpoint that gets the exchange when every branch failed (headers SipProxyStatus/SipProxyReason). */
    public void setFailureRoute(String failureRoute) {
        this.failureRoute = failureRoute;
    }

    public long getInviteTimeout() {
        return inviteTimeout;
    }

    /** ms an INVITE branch may ring before it is CANCELled and counts as 408. */
    public void setInviteTimeout(long inviteTimeout) {
        this.inviteTimeout = inviteTimeout;
    }

    public long getTimeout() {
        return timeout;
    }

    /** ms for a non-INVITE branch to get its final response (else 408). */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
