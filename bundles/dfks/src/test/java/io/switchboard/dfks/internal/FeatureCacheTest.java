package io.switchboard.dfks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeatureCacheTest {

    private static final List<FeatureState> DND = List.of(new FeatureState(Feature.DoNotDisturb, true, null, null));
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void anEntryIsServedUntilItsTtlEnds() {
        FeatureCache cache = new FeatureCache(5, 10, now::get);
        cache.put("alice", "example.org", DND, cache.stamp());
        now.addAndGet(4_999_999_999L);
        assertEquals(DND, cache.get("alice", "EXAMPLE.org"));
        now.addAndGet(1);
        assertNull(cache.get("alice", "example.org"));
        assertEquals(0, cache.size(), "an expired entry leaves when read");
    }

    @Test
    void aReadThatRanAcrossASetKeepsNothing() {
        FeatureCache cache = new FeatureCache(5, 10, now::get);
        long stamp = cache.stamp(); // the get route starts and reads the old row
        cache.invalidate("alice", "example.org"); // a set runs meanwhile
        cache.put("alice", "example.org", DND, stamp);
        assertNull(cache.get("alice", "example.org"));
        cache.put("alice", "example.org", DND, cache.stamp());
        cache.invalidate("alice", "example.org");
        assertNull(cache.get("alice", "example.org"));
    }

    @Test
    void zeroSecondsIsOffAndTheBoundEmptiesTheCache() {
        FeatureCache off = new FeatureCache(0, 10, now::get);
        off.put("alice", "example.org", DND, off.stamp());
        assertNull(off.get("alice", "example.org"));

        FeatureCache small = new FeatureCache(5, 2, now::get);
        small.put("a", "d", DND, small.stamp());
        small.put("b", "d", DND, small.stamp());
        small.put("c", "d", DND, small.stamp());
        assertEquals(1, small.size());
        assertEquals(DND, small.get("c", "d"));
        assertThrows(IllegalArgumentException.class, () -> new FeatureCache(-1, 10, now::get));
    }
}
