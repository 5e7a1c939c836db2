package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventBus;
import io.switchboard.events.EventHandler;
import io.switchboard.events.EventStatistics;
import io.switchboard.events.EventTypes;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus: matching on the publisher's thread through the {@link SubscriptionIndex}, delivery on a small pool
 * (per-subscription queues, a bound on the events queued in all), time-outs on one timer thread whose work is
 * handed to the pool. Nothing here blocks a publisher: a full queue drops the delivery of a lasting subscription
 * and counts it; a one-shot subscription (a suspended route waiting for it) is never dropped, its handler runs on
 * the publisher's thread instead, since dropping it would leave the route suspended for good.
 */
public final class DefaultEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventBus.class);

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final Map<String, SubscriptionImpl> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<SubscriptionImpl>> byCall = new ConcurrentHashMap<>();
    private final ExecutorService delivery;
    private final ScheduledThreadPoolExecutor timer;
    private final LongSupplier clock;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile EventsConfig config;

    public DefaultEventBus(EventsConfig config, ExecutorService delivery, LongSupplier clock) {
        this.config = config;
        this.delivery = delivery;
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "switchboard-events-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** New settings: apply to the next subscription and the next event. */
    public void configure(EventsConfig c) {
        config = c;
    }

    /** Closes every subscription (their time-outs do not run) and stops the timer. */
    public void shutdown() {
        for (SubscriptionImpl s : List.copyOf(byId.values())) {
            close(s);
        }
        timer.shutdownNow();
    }

    @Override
    public Event publish(String type, Map<String, ?> attributes) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null && v != null) {
                attrs.put(k, v.toString());
            }
        });
        Event e = new Event(type, attrs, clock.getAsLong(), sequence.incrementAndGet());
        published.incrementAndGet();
        index.candidates(e, s -> {
            if (s.active() && s.spec().filter().matches(e.attributes()) && s.claim()) {
                if (s.spec().oneShot()) {
                    close(s);
                }
                deliver(s, e);
            }
        });
        if (EventTypes.DIALOG.equals(type) && EventTypes.DIALOG_ENDED.equals(e.attribute("state"))) {
            callEnded(e.attribute("call_id"));
        }
        return e;
    }

    private void deliver(SubscriptionImpl s, Event e) {
        if (queued.incrementAndGet() > config.queueSize()) {
            queued.decrementAndGet();
            if (s.spec().oneShot()) {
                run(s, e);
            } else {
                dropped.incrementAndGet();
            }
            return;
        }
        s.queue.add(e);
        if (s.pending.getAndIncrement() == 0) {
            try {
                delivery.execute(() -> drain(s));
            } catch (RejectedExecutionException x) {
                // the pool is stopping: what is queued for this subscription is lost
                int n = s.pending.getAndSet(0);
                s.queue.clear();
                queued.addAndGet(-n);
                dropped.addAndGet(n);
            }
        }
    }

    private void drain(SubscriptionImpl s) {
        do {
            Event e = s.queue.poll();
            queued.decrementAndGet();
            if (e != null) {
                run(s, e);
            }
        } while (s.pending.decrementAndGet() > 0);
    }

    private void run(SubscriptionImpl s, Event e) {
        try {
            s.handle(e);
            delivered.incrementAndGet();
        } catch (RuntimeException x) {
            dropped.incrementAndGet();
            LOG.warn(
                    "Event subscription {} ({}) failed on {} event: {}",
                    s.id(),
                    s.spec().owner(),
                    e.type(),
                    x,
                    x);
        }
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, EventHandler handler) {
        return subscribe(spec, handler, false);
    }

    /** As {@link #subscribe(SubscriptionSpec, EventHandler)}; {@code wait} marks the suspended route of a wait. */
    SubscriptionImpl subscribe(SubscriptionSpec spec, EventHandler handler, boolean wait) {
        EventsConfig c = config;
        if (byId.size() >= c.maxSubscriptions()) {
            throw new IllegalStateException("the event bus holds " + byId.size() + " subscriptions (max_subscriptions "
                    + c.maxSubscriptions() + ")");
        }
        SubscriptionImpl s =
                new SubscriptionImpl("s" + ids.incrementAndGet(), spec, handler, wait, clock.getAsLong(), this);
        byId.put(s.id(), s);
        if (wait) {
            waiting.incrementAndGet();
        }
        if (spec.callId() != null) {
            byCall.computeIfAbsent(spec.callId(), k -> ConcurrentHashMap.newKeySet())
                    .add(s);
        }
        if (spec.timeoutMillis() > 0) {
            s.timeout = timer.schedule(() -> timedOut(s), spec.timeoutMillis(), TimeUnit.MILLISECONDS);
        }
        index.add(s);
        return s;
    }

    private void timedOut(SubscriptionImpl s) {
        if (!s.claim() || !close(s)) {
            return; // an event came first
        }
        timedOut.incrementAndGet();
        Runnable r = s.spec().onTimeout();
        if (r != null) {
            try {
                delivery.execute(r);
            } catch (RejectedExecutionException x) {
                r.run();
            }
        }
    }

    /** Removes it everywhere; true only for the call that closed it. */
    boolean close(SubscriptionImpl s) {
        if (!s.deactivate()) {
            return false;
        }
        index.remove(s);
        byId.remove(s.id());
        if (s.isWait()) {
            waiting.decrementAndGet();
        }
        if (s.timeout != null) {
            s.timeout.cancel(false);
        }
        String call = s.spec().callId();
        if (call != null) {
            byCall.computeIfPresent(call, (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
        return true;
    }

    private void callEnded(String callId) {
        if (callId == null) {
            return;
        }
        Set<SubscriptionImpl> bound = byCall.remove(callId);
        if (bound != null) {
            bound.forEach(this::close);
        }
    }

    @Override
    public List<Subscription> subscriptions() {
        List<Subscription> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingLong(s -> ((SubscriptionImpl) s).createdAt()));
        return out;
    }

    /** The live subscriptions, as the bus's own type (the listing shows which are waits). */
    List<SubscriptionImpl> live() {
        List<SubscriptionImpl> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingLong(SubscriptionImpl::createdAt));
        return out;
    }

    @Override
    public boolean unsubscribe(String id) {
        SubscriptionImpl s = byId.get(id);
        return s != null && close(s);
    }

    @Override
    public EventStatistics statistics() {
        return new EventStatistics(
                published.get(), delivered.get(), dropped.get(), timedOut.get(), byId.size(), waiting.get());
    }

    /** Counts an event a wait resumed with after its route had gone (delivered to nobody). */
    void countDropped() {
        dropped.incrementAndGet();
    }
}
