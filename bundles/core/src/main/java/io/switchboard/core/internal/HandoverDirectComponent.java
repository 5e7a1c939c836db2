package io.switchboard.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.direct.DirectConsumer;

/**
 * The platform's {@code direct:} component. Camel's waits up to 30 s for a missing consumer by default, which parked
 * the SIP worker of every request whose route was gone (a route file refused or deleted): here a producer never
 * waits for a consumer that is not coming, and the request is answered at once (the sip consumer turns
 * {@code DirectConsumerNotAvailableException} into 503 with Retry-After). It waits only while route files are being
 * swapped ({@link #begin()} .. {@link #end()}), when the old version's consumer has gone and the new one's is about
 * to come, and at most {@code maxWaitMillis}: a call arriving in that gap is served by the new version instead of
 * being refused. An endpoint that asks for {@code block=true} itself keeps Camel's behaviour.
 */
final class HandoverDirectComponent extends DirectComponent {

    /** How often a waiting producer looks whether the swap has ended without bringing its consumer. */
    private static final long SLICE_MILLIS = 10;

    private final AtomicInteger swaps = new AtomicInteger();
    private final long maxWaitMillis;

    HandoverDirectComponent(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
        setBlock(false);
    }

    /** A swap of route versions starts: producers wait for the consumers it is bringing. */
    void begin() {
        swaps.incrementAndGet();
    }

    /** The swap has ended: a consumer that has not come now is not coming. */
    void end() {
        swaps.decrementAndGet();
    }

    @Override
    protected DirectConsumer getConsumer(String key, boolean block, long timeout) throws InterruptedException {
        if (block) {
            return super.getConsumer(key, true, timeout);
        }
        DirectConsumer consumer = super.getConsumer(key, false, 0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        while (consumer == null && swaps.get() > 0 && System.nanoTime() < deadline) {
            consumer = super.getConsumer(key, true, SLICE_MILLIS); // wakes at once when a consumer is added
        }
        return consumer;
    }
}
