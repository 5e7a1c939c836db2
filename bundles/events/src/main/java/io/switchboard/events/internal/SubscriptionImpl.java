package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventHandler;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of the {@link DefaultEventBus}, with its own queue of events to deliver: the bus's delivery pool
 * drains one subscription's queue with one task at a time, so a handler sees its events in publishing order even
 * with several delivery threads, and a slow handler delays only itself.
 */
final class SubscriptionImpl implements Subscription {

    private final String id;
    private final SubscriptionSpec spec;
    private final EventHandler handler;
    private final boolean wait;
    private final long createdAt;
    private final DefaultEventBus bus;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicBoolean fired = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    final Queue<Event> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger pending = new AtomicInteger();
    volatile ScheduledFuture<?> timeout;

    SubscriptionImpl(
            String id, SubscriptionSpec spec, EventHandler handler, boolean wait, long createdAt, DefaultEventBus bus) {
        this.id = id;
        this.spec = spec;
        this.handler = handler;
        this.wait = wait;
        this.createdAt = createdAt;
        this.bus = bus;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
    }

    @Override
    public boolean active() {
        return active.get();
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        bus.close(this);
    }

    /** True for the suspended route of an {@code events:wait}. */
    boolean isWait() {
        return wait;
    }

    long createdAt() {
        return createdAt;
    }

    /** Marks it closed; true only for the first caller. */
    boolean deactivate() {
        return active.compareAndSet(true, false);
    }

    /** A one-shot subscription takes one event only: true for the first match. */
    boolean claim() {
        return !spec.oneShot() || fired.compareAndSet(false, true);
    }

    void handle(Event e) {
        delivered.incrementAndGet();
        handler.onEvent(e);
    }

    @Override
    public String toString() {
        return id + " " + spec.type() + (spec.filter().conditions().isEmpty() ? "" : " [" + spec.filter() + "]");
    }
}
