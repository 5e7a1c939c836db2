package io.switchboard.events.internal;

import io.switchboard.events.EventFilter;
import io.switchboard.events.EventsConstants;
import io.switchboard.events.SubscriptionSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code events:wait?type=T&filter=...&timeout=30000}: suspends the route until a matching event or the time-out,
 * holding no thread meanwhile. {@link #process(Exchange, AsyncCallback)} subscribes (one-shot, timed) and returns
 * false; the route goes on from the bus's delivery thread with the event's attributes as headers and
 * {@code EventTimeout=false}, or after the time-out with {@code EventTimeout=true}. The exchange carries Camel's
 * {@code CamelAsyncWait} meanwhile, as {@code proxy:relay} does, so a route file being replaced does not wait for it.
 * A SIP caller should be told first (a {@code sip:reply?code=100} before the wait): its INVITE transaction stays
 * open, and the stack answers its retransmissions with that last provisional response.
 */
final class EventsWaitProducer extends DefaultAsyncProducer {

    private final EventsEndpoint endpoint;

    EventsWaitProducer(EventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        EventsConfiguration c = endpoint.getConfiguration();
        EventFilter filter;
        try {
            filter = endpoint.filter(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        long timeout = timeout(exchange, c.getTimeout());
        if (timeout <= 0) {
            exchange.setException(
                    new IllegalArgumentException(EventsConstants.EVENT_WAIT_MILLIS + " must be above 0: " + timeout));
            callback.done(true);
            return true;
        }
        AtomicBoolean sync = new AtomicBoolean(true);
        AtomicBoolean finished = new AtomicBoolean();
        String owner = "wait " + exchange.getFromRouteId() + " " + exchange.getExchangeId();
        SubscriptionSpec spec = new SubscriptionSpec(c.getType(), filter, owner, true, timeout, null, () -> {
            exchange.removeProperty(Exchange.ASYNC_WAIT);
            exchange.getMessage().setHeader(EventsConstants.EVENT_TIMEOUT, true);
            complete(callback, sync, finished);
        });
        exchange.setProperty(Exchange.ASYNC_WAIT, true);
        try {
            endpoint.bus()
                    .subscribe(
                            spec,
                            e -> {
                                exchange.removeProperty(Exchange.ASYNC_WAIT);
                                EventsEndpoint.copy(e, exchange.getMessage());
                                exchange.getMessage().setHeader(EventsConstants.EVENT_TIMEOUT, false);
                                complete(callback, sync, finished);
                            },
                            true);
        } catch (RuntimeException e) {
            exchange.removeProperty(Exchange.ASYNC_WAIT);
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        synchronized (finished) {
            sync.set(false);
            if (finished.get()) {
                callback.done(true);
                return true;
            }
        }
        return false;
    }

    /** Header {@code EventWaitMillis} when set (a route computes the wait, e.g. push:notify), else the option. */
    private static long timeout(Exchange exchange, long option) {
        Long header = exchange.getMessage().getHeader(EventsConstants.EVENT_WAIT_MILLIS, Long.class);
        return header != null ? header : option;
    }

    /** Completes now when still inside process() (the caller reports done(true)), else through the callback. */
    private static void complete(AsyncCallback callback, AtomicBoolean sync, AtomicBoolean finished) {
        synchronized (finished) {
            finished.set(true);
            if (sync.get()) {
                return;
            }
        }
        callback.done(false);
    }
}
