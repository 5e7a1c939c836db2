package io.switchboard.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.events.Event;
import io.switchboard.events.EventFilter;
import io.switchboard.events.EventTypes;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultEventBusTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private DefaultEventBus bus = new DefaultEventBus(EventsConfig.DEFAULTS, pool, System::currentTimeMillis);

    @AfterEach
    void stop() throws InterruptedException {
        bus.shutdown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static SubscriptionSpec spec(String type, String filter) {
        return SubscriptionSpec.of(type, EventFilter.parse(filter), "test");
    }

    @Test
    void anEventReachesTheMatchingSubscriptionsOnlyInOrder() throws Exception {
        List<String> bob = Collections.synchronizedList(new ArrayList<>());
        List<String> any = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(6);
        bus.subscribe(spec("REGISTER", "aor=bob@x"), e -> {
            bob.add(e.attribute("n"));
            done.countDown();
        });
        bus.subscribe(spec(EventTypes.ANY, ""), e -> {
            any.add(e.type() + e.attribute("n"));
            done.countDown();
        });
        bus.publish("REGISTER", Map.of("aor", "bob@x", "n", 1));
        bus.publish("REGISTER", Map.of("aor", "alice@x", "n", 2));
        bus.publish("DIALOG", Map.of("aor", "bob@x", "n", 3));
        bus.publish("REGISTER", Map.of("aor", "bob@x", "n", 4));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("1", "4"), bob);
        assertEquals(List.of("REGISTER1", "REGISTER2", "DIALOG3", "REGISTER4"), any);
        assertEquals(4, bus.statistics().published());
        // a delivery is counted after its handler returns: the last count may follow the latch by a moment
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bus.statistics().delivered() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(6, bus.statistics().delivered());
    }

    @Test
    void theIndexHandsAnEventOnlyTheSubscriptionsOfItsValue() {
        SubscriptionIndex index = new SubscriptionIndex();
        for (int i = 0; i < 10_000; i++) {
            index.add(new SubscriptionImpl(
                    "s" + i, spec("REGISTER", "aor=u" + i + "@x,contact^=sip:"), e -> {}, false, 0, bus));
        }
        index.add(new SubscriptionImpl("p", spec("REGISTER", "contact^=sip:u5"), e -> {}, false, 0, bus));
        index.add(new SubscriptionImpl("d", spec("DIALOG", ""), e -> {}, false, 0, bus));
        List<String> met = new ArrayList<>();
        index.candidates(new Event("REGISTER", Map.of("aor", "u5@x"), 0, 1), s -> met.add(s.id()));
        assertEquals(List.of("p", "s5"), met.stream().sorted().toList());
    }

    @Test
    void aOneShotSubscriptionTakesOneEventAndGoes() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Subscription s = bus.subscribe(
                new SubscriptionSpec("REGISTER", EventFilter.parse("aor=bob@x"), "t", true, 0, null, null), e -> {
                    calls.incrementAndGet();
                    got.countDown();
                });
        bus.publish("REGISTER", Map.of("aor", "bob@x"));
        bus.publish("REGISTER", Map.of("aor", "bob@x"));
        assertTrue(got.await(5, TimeUnit.SECONDS));
        assertFalse(s.active());
        assertEquals(0, bus.subscriptions().size());
        Thread.sleep(100);
        assertEquals(1, calls.get());
    }

    @Test
    void aTimedSubscriptionRunsItsTimeoutOnceAndNoEventAfter() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        AtomicInteger events = new AtomicInteger();
        Subscription s = bus.subscribe(
                new SubscriptionSpec("REGISTER", EventFilter.ALL, "t", true, 50, null, timedOut::countDown),
                e -> events.incrementAndGet());
        assertTrue(timedOut.await(5, TimeUnit.SECONDS));
        bus.publish("REGISTER", Map.of("aor", "bob@x"));
        Thread.sleep(50);
        assertEquals(0, events.get());
        assertFalse(s.active());
        assertEquals(1, bus.statistics().timedOut());
    }

    @Test
    void anEventBeforeTheTimeoutCancelsIt() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        AtomicInteger timeouts = new AtomicInteger();
        bus.subscribe(
                new SubscriptionSpec("REGISTER", EventFilter.ALL, "t", true, 100, null, timeouts::incrementAndGet),
                e -> got.countDown());
        bus.publish("REGISTER", Map.of("aor", "bob@x"));
        assertTrue(got.await(5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertEquals(0, timeouts.get());
        assertEquals(0, bus.statistics().timedOut());
    }

    @Test
    void subscriptionsBoundToACallGoWhenItsDialogEnds() {
        bus.subscribe(new SubscriptionSpec("DTMF", EventFilter.ALL, "t", false, 0, "call-1", null), e -> {});
        bus.subscribe(new SubscriptionSpec("DTMF", EventFilter.ALL, "t", false, 0, "call-2", null), e -> {});
        bus.publish(EventTypes.DIALOG, Map.of("call_id", "call-1", "state", "answered"));
        assertEquals(2, bus.subscriptions().size());
        bus.publish(EventTypes.DIALOG, Map.of("call_id", "call-1", "state", "ended"));
        assertEquals(1, bus.subscriptions().size());
        assertEquals("call-2", bus.subscriptions().get(0).spec().callId());
    }

    @Test
    void aFullQueueDropsAndCountsLastingDeliveriesButNeverAOneShot() throws Exception {
        bus.shutdown();
        ExecutorService stuck = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        bus = new DefaultEventBus(new EventsConfig(2, 100, 1), stuck, System::currentTimeMillis);
        bus.subscribe(spec("E", ""), e -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        });
        bus.publish("E", Map.of("n", 0));
        // the pool's one thread holds the first event (no longer queued) before the queue fills: else its late
        // start frees a place between two deliveries of the same publish, and the one-shot is queued behind it
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        for (int i = 1; i < 5; i++) {
            bus.publish("E", Map.of("n", i));
        }
        List<String> threads = new ArrayList<>();
        bus.subscribe(
                new SubscriptionSpec("E", EventFilter.ALL, "t", true, 0, null, null),
                e -> threads.add(Thread.currentThread().getName()));
        bus.publish("E", Map.of("n", 9));
        assertEquals(List.of(Thread.currentThread().getName()), threads, "the one-shot ran on the publisher");
        assertTrue(bus.statistics().dropped() >= 3, "" + bus.statistics());
        release.countDown();
        stuck.shutdown();
        assertTrue(stuck.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void maxSubscriptionsIsEnforced() {
        bus.configure(new EventsConfig(10, 2, 1));
        bus.subscribe(spec("E", ""), e -> {});
        Subscription second = bus.subscribe(spec("E", ""), e -> {});
        assertThrows(IllegalStateException.class, () -> bus.subscribe(spec("E", ""), e -> {}));
        second.close();
        bus.subscribe(spec("E", ""), e -> {});
        assertEquals(2, bus.statistics().subscriptions());
    }

    @Test
    void nullValuesAreLeftOutAndOthersBecomeText() {
        Map<String, Object> m = new HashMap<>();
        m.put("a", null);
        m.put("n", 5);
        Event e = bus.publish("E", m);
        assertEquals(Map.of("n", "5"), e.attributes());
    }
}
