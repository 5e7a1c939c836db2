package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy component's URIs: the action as a path, every option bound to the endpoint's configuration. */
class ProxyEndpointTest extends SipTestSupport {

    @BeforeEach
    void addProxy() {
        context.addComponent("proxy", new ProxyComponent());
    }

    private ProxyConfiguration configuration(String uri) {
        return context.getEndpoint(uri, ProxyEndpoint.class).getConfiguration();
    }

    @Test
    void relayWithDefaultsAndWithOptions() throws Exception {
        ProxyConfiguration defaults = configuration("proxy:relay");
        assertEquals("relay", defaults.getAction());
        assertNull(defaults.getFailureRoute());
        assertEquals(120_000, defaults.getInviteTimeout());
        assertEquals(32_000, defaults.getTimeout());

        ProxyConfiguration c = configuration("proxy:relay?failureRoute=direct:failed&inviteTimeout=10000&timeout=5000");
        assertEquals("direct:failed", c.getFailureRoute());
        assertEquals(10_000, c.getInviteTimeout());
        assertEquals(5_000, c.getTimeout());
        assertInstanceOf(
                ProxyRelayProducer.class, context.getEndpoint("proxy:relay").createProducer());
    }

    @Test
    void checkIsTheActionNotAPrefixOfTheUri() throws Exception {
        assertInstanceOf(
                ProxyCheckProducer.class, context.getEndpoint("proxy:check").createProducer());
        assertInstanceOf(
                ProxyCheckProducer.class, context.getEndpoint("proxy://check").createProducer());
        assertInstanceOf(
                ProxyRelayProducer.class,
                context.getEndpoint("proxy://relay?timeout=1000").createProducer());
    }

    @Test
    void unknownActionsAndOptionsFailWhenTheRouteIsBuilt() {
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("proxy:forward"));
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("proxy:checkout"));
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("proxy:relay?noSuchOption=1"));
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("proxy:relay?timeout=soon"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> context.getEndpoint("proxy:relay").createConsumer(e -> {}));
    }
}
