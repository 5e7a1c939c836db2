package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.core.internal.ReadinessLatch.Condition;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadinessLatchTest {

    @Test
    void readyOnlyWhenTheLastConditionIsMetAndOnlyOnce() {
        // a restart from Karaf's cache: BootFinished first, then the routes, then the framework's start level
        ReadinessLatch latch = new ReadinessLatch();
        assertEquals(EnumSet.allOf(Condition.class), latch.missing());
        assertFalse(latch.met(Condition.BOOT_FINISHED));
        assertFalse(latch.met(Condition.BOOT_FINISHED), "a condition met twice does not count twice");
        assertFalse(latch.met(Condition.ROUTES_LOADED));
        assertEquals(Set.of(Condition.FRAMEWORK_STARTED), latch.missing());
        assertTrue(latch.met(Condition.FRAMEWORK_STARTED));
        assertTrue(latch.missing().isEmpty());
        assertFalse(latch.met(Condition.FRAMEWORK_STARTED), "ready is said once");
        assertFalse(latch.met(Condition.ROUTES_LOADED));
    }

    @Test
    void everyOrderOfArrivalEndsReadyOnTheLast() {
        List<List<Condition>> orders = List.of(
                List.of(Condition.ROUTES_LOADED, Condition.BOOT_FINISHED, Condition.FRAMEWORK_STARTED),
                List.of(Condition.FRAMEWORK_STARTED, Condition.ROUTES_LOADED, Condition.BOOT_FINISHED),
                List.of(Condition.BOOT_FINISHED, Condition.FRAMEWORK_STARTED, Condition.ROUTES_LOADED));
        for (List<Condition> order : orders) {
            ReadinessLatch latch = new ReadinessLatch();
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i == order.size() - 1, latch.met(order.get(i)), order + " at " + i);
            }
        }
    }
}
