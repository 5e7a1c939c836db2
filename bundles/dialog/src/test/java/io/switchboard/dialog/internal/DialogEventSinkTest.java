package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DialogEventSinkTest {

    private static final String DEFAULT = DialogComponent.DEFAULT_EVENTS;

    private CamelContext camel;
    private ProducerTemplate template;
    private final AtomicInteger exchangesCreated = new AtomicInteger();

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                exchangesCreated.incrementAndGet();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCreatedEvent;
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theDefaultQueueWithoutAConsumerGetsNothingBuilt() {
        DialogEventSink sink = new DialogEventSink(camel, template, DEFAULT);
        template.sendBody(DEFAULT, "creates the queue"); // as once the first event was sent
        int before = exchangesCreated.get();
        assertFalse(sink.wanted());
        sink.send(event("answered"));
        sink.send(event("ended"));
        assertEquals(before, exchangesCreated.get(), "no exchange for an event nobody reads");
    }

    @Test
    void aRouteOnTheQueueGetsEveryEvent() throws Exception {
        BlockingQueue<Exchange> got = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:dialog-events").process(got::add); // the guide's route, without the producer's options
            }
        });
        DialogEventSink sink = new DialogEventSink(camel, template, DEFAULT);
        assertTrue(sink.wanted());
        sink.send(event("answered"));
        Exchange e = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(e, "the consumer got the event");
        assertEquals("answered", e.getIn().getHeader("DialogEvent"));
        assertEquals("call-1", e.getIn().getBody(Map.class).get("callId"));
        camel.getRouteController().stopAllRoutes();
        assertFalse(sink.wanted(), "nobody reads it once the route stopped");
    }

    @Test
    void anyOtherEndpointGetsEveryEvent() throws Exception {
        BlockingQueue<Exchange> got = new LinkedBlockingQueue<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cdr").process(got::add);
            }
        });
        DialogEventSink sink = new DialogEventSink(camel, template, "direct:cdr");
        assertTrue(sink.wanted());
        sink.send(event("ended"));
        assertNotNull(got.poll(5, TimeUnit.SECONDS));
    }

    private static DialogTracker.Event event(String type) {
        return new DialogTracker.Event(type, JdbcDialogStoreTest.answered("call-1"), null);
    }
}
