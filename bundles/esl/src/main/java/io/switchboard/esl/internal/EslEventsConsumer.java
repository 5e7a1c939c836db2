package io.switchboard.esl.internal;

import io.switchboard.esl.EslConstants;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code esl:events}: each event of the server that this consumer asked for becomes one exchange, its headers as
 * Camel headers and its body as the body, in the order FreeSWITCH sent them (one thread per consumer). The events
 * wait in a bounded queue: a route slower than FreeSWITCH for long loses the newest ones, counted in one warning
 * per thousand, as FreeSWITCH itself drops events for a listener that does not read ("Lost N events"); the socket is
 * never stalled, so api replies of the same server keep flowing.
 */
final class EslEventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EslEventsConsumer.class);

    private final EslEndpoint endpoint;
    private final Set<String> names;
    private final List<String[]> filters;
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<EslEvent> listener = this::offer;
    private InboundClient client;
    private ThreadPoolExecutor delivery;

    EslEventsConsumer(EslEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        EslConfiguration c = endpoint.configuration();
        Set<String> n = ServerDefinition.eventNames(c.getEvents());
        this.names = n.isEmpty() ? Set.of("ALL") : n;
        this.filters = ServerDefinition.filters(c.getFilters());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        int capacity = endpoint.getComponent().settings().event__queue();
        delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "switchboard-esl-events-" + endpoint.getEndpointKey());
            t.setDaemon(true);
            return t;
        });
        client = endpoint.getComponent().client(endpoint.configuration());
        client.addListener(listener);
        client.subscribe(names, filters);
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.removeListener(listener);
        }
        if (delivery != null) {
            delivery.shutdown();
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        }
        super.doStop();
    }

    /** True when this consumer asked for the event (the socket carries the union of every consumer's). */
    boolean wants(EslEvent e) {
        if (names.contains("ALL") || names.contains(e.name())) {
            return true;
        }
        String sub = e.header("Event-Subclass");
        return e.name().equals("CUSTOM") && sub != null && names.contains(sub);
    }

    private void offer(EslEvent e) {
        if (!wants(e)) {
            return;
        }
        try {
            delivery.execute(() -> deliver(e));
        } catch (RejectedExecutionException full) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn(
                        "{}: the route is slower than FreeSWITCH {}; {} events dropped so far",
                        endpoint.getEndpointKey(),
                        client.server().where(),
                        dropped.get());
            }
        }
    }

    private void deliver(EslEvent e) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        m.setHeader(EslConstants.SERVER, client.server().name());
        m.setBody(e.body());
        try {
            getProcessor().process(exchange);
        } catch (Exception x) {
            exchange.setException(x);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("esl event " + e.name(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** Events dropped because the queue was full (tests). */
    long dropped() {
        return dropped.get();
    }
}
