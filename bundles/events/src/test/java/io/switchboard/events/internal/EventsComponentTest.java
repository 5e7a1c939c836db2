package io.switchboard.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.events.EventsConstants;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The events component in a real CamelContext, routes written in the XML DSL as route files are. */
class EventsComponentTest {

    private static final String ROUTES = """
            <routes xmlns="http://camel.apache.org/schema/xml-io">
              <route id="on-register">
                <from uri="events:REGISTER?filter=aor^=bob@"/>
                <to uri="mock:registered"/>
              </route>
              <route id="raise">
                <from uri="direct:raise"/>
                <to uri="events:publish?type=REGISTER"/>
              </route>
              <route id="wait">
                <from uri="direct:wait"/>
                <setHeader name="waitThread"><simple>${threadName}</simple></setHeader>
                <to uri="events:wait?type=REGISTER&amp;filter=aor=${header.X}&amp;timeout=500"/>
                <setHeader name="resumedThread"><simple>${threadName}</simple></setHeader>
              </route>
              <route id="dtmf">
                <from uri="direct:dtmf"/>
                <to uri="events:subscribe?type=DTMF&amp;filter=call_id=${header.SipCallId}&amp;to=mock:dtmf\
            &amp;oneShot=false&amp;timeout=0&amp;headers=SipCallId,Missing"/>
              </route>
            </routes>
            """;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final DefaultEventBus bus = new DefaultEventBus(EventsConfig.DEFAULTS, pool, System::currentTimeMillis);
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("events", new EventsComponent(bus));
        Resource r = ResourceHelper.fromBytes("mem:events.xml", ROUTES.getBytes(StandardCharsets.UTF_8));
        PluginHelper.getRoutesLoader(camel).loadRoutes(r);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        bus.shutdown();
        pool.shutdown();
    }

    @Test
    void aRoutePublishesItsHeadersAndAConsumerRouteGetsThem() throws Exception {
        MockEndpoint registered = camel.getEndpoint("mock:registered", MockEndpoint.class);
        registered.expectedMessageCount(1);
        template.send("direct:raise", e -> {
            e.getIn().setHeader("aor", "bob@x");
            e.getIn().setHeader("expires", 3600);
            e.getIn().setHeader("message", new Object());
        });
        template.sendBodyAndHeader("direct:raise", null, "aor", "alice@x");
        registered.assertIsSatisfied(5000);
        Exchange got = registered.getExchanges().get(0);
        assertEquals("3600", got.getIn().getHeader("expires"));
        assertEquals("REGISTER", got.getIn().getHeader(EventsConstants.EVENT_TYPE));
        assertEquals(Map.of("aor", "bob@x", "expires", "3600"), got.getIn().getBody(Map.class));
    }

    @Test
    void aWaitingRouteResumesOnItsEventWithoutHoldingItsThread() throws Exception {
        CompletableFuture<Exchange> done =
                template.asyncSend("direct:wait", e -> e.getIn().setHeader("X", "bob@x"));
        long until = System.currentTimeMillis() + 2000;
        while (bus.statistics().waiting() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, bus.statistics().waiting());
        SubscriptionImpl wait =
                bus.live().stream().filter(SubscriptionImpl::isWait).findFirst().orElseThrow();
        assertEquals("aor=bob@x", wait.spec().filter().toString(), "${header.X} evaluated");
        bus.publish("REGISTER", Map.of("aor", "alice@x"));
        bus.publish("REGISTER", Map.of("aor", "bob@x", "contact", "sip:bob@10.0.0.2"));
        Exchange e = done.get(5, TimeUnit.SECONDS);
        assertEquals(false, e.getMessage().getHeader(EventsConstants.EVENT_TIMEOUT));
        assertEquals("sip:bob@10.0.0.2", e.getMessage().getHeader("contact"));
        assertNotEquals(e.getMessage().getHeader("waitThread"), e.getMessage().getHeader("resumedThread"));
        assertEquals(0, bus.statistics().waiting());
    }

    @Test
    void aWaitWithoutItsEventResumesWithTheTimeoutMarker() throws Exception {
        Exchange e = template.asyncSend("direct:wait", x -> x.getIn().setHeader("X", "carol@x"))
                .get(5, TimeUnit.SECONDS);
        assertEquals(true, e.getMessage().getHeader(EventsConstants.EVENT_TIMEOUT));
        assertEquals(1, bus.statistics().timedOut());
        assertEquals(1, bus.statistics().subscriptions(), "the consumer route's only");
    }

    /** Header EventWaitMillis replaces the option's 500 ms: the wait is still there after 700 ms, gone at 1.5 s. */
    @Test
    void headerEventWaitMillisReplacesTheTimeoutOption() throws Exception {
        CompletableFuture<Exchange> done = template.asyncSend("direct:wait", x -> {
            x.getIn().setHeader("X", "dave@x");
            x.getIn().setHeader(EventsConstants.EVENT_WAIT_MILLIS, 1500L);
        });
        Thread.sleep(700);
        assertEquals(1, bus.statistics().waiting(), "still waiting beyond the option's 500 ms");
        Exchange e = done.get(5, TimeUnit.SECONDS);
        assertEquals(true, e.getMessage().getHeader(EventsConstants.EVENT_TIMEOUT));
        Exchange bad = template.send("direct:wait", x -> {
            x.getIn().setHeader("X", "erin@x");
            x.getIn().setHeader(EventsConstants.EVENT_WAIT_MILLIS, 0L);
        });
        assertNotNull(bad.getException(), "a wait of 0 ms is refused");
    }

    @Test
    void aCallsSubscriptionDeliversToItsEndpointUntilTheCallEnds() throws Exception {
        MockEndpoint dtmf = camel.getEndpoint("mock:dtmf", MockEndpoint.class);
        dtmf.expectedMessageCount(2);
        Exchange sub = template.send("direct:dtmf", e -> e.getIn().setHeader("SipCallId", "c1"));
        assertNotNull(sub.getMessage().getHeader(EventsConstants.SUBSCRIPTION_ID));
        assertEquals(2, bus.subscriptions().size());
        assertEquals("c1", bus.subscriptions().get(1).spec().callId());
        bus.publish("DTMF", Map.of("call_id", "c1", "digit", "5"));
        bus.publish("DTMF", Map.of("call_id", "c2", "digit", "6"));
        bus.publish("DTMF", Map.of("call_id", "c1", "digit", "#"));
        dtmf.assertIsSatisfied(5000);
        List<Object> digits = dtmf.getExchanges().stream()
                .map(x -> x.getIn().getHeader("digit"))
                .toList();
        assertEquals(List.of("5", "#"), digits);
        assertEquals(
                "c1", dtmf.getExchanges().get(0).getIn().getHeader("SipCallId"), "headers=: the call's own header");
        assertFalse(dtmf.getExchanges().get(0).getIn().getHeaders().containsKey("Missing"));
        bus.publish("DIALOG", Map.of("call_id", "c1", "state", "ended"));
        assertEquals(
                List.of("route on-register"),
                bus.subscriptions().stream().map(x -> x.spec().owner()).toList());
    }
}
