package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventFilter;
import io.switchboard.events.EventTypes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the bus finds the subscriptions an event may match without walking all of them: by type (and the
 * {@link EventTypes#ANY} subscriptions), then, for a subscription with an equality condition, by the value of its
 * first one. An event of type T with attribute aor=bob meets only T's subscriptions keyed {@code aor=bob} (and those
 * of T with no equality condition, which are scanned); 10,000 subscriptions for 10,000 AoRs cost one map lookup.
 */
final class SubscriptionIndex {

    private final Map<String, TypeIndex> byType = new ConcurrentHashMap<>();

    /** The subscriptions of one type. */
    private static final class TypeIndex {
        /** attribute name -> value -> subscriptions whose first equality condition is name=value. */
        final Map<String, Map<String, Set<SubscriptionImpl>>> equal = new ConcurrentHashMap<>();
        /** Subscriptions without equality condition: checked against every event of the type. */
        final Set<SubscriptionImpl> scan = ConcurrentHashMap.newKeySet();
    }

    void add(SubscriptionImpl s) {
        TypeIndex t = byType.computeIfAbsent(s.spec().type(), k -> new TypeIndex());
        EventFilter.Condition key = s.spec().filter().indexKey();
        if (key == null) {
            t.scan.add(s);
            return;
        }
        t.equal.computeIfAbsent(key.name(), k -> new ConcurrentHashMap<>()).compute(key.value(), (k, set) -> {
            Set<SubscriptionImpl> out = set == null ? ConcurrentHashMap.newKeySet() : set;
            out.add(s);
            return out;
        });
    }

    void remove(SubscriptionImpl s) {
        TypeIndex t = byType.get(s.spec().type());
        if (t == null) {
            return;
        }
        EventFilter.Condition key = s.spec().filter().indexKey();
        if (key == null) {
            t.scan.remove(s);
            return;
        }
        Map<String, Set<SubscriptionImpl>> byValue = t.equal.get(key.name());
        if (byValue != null) {
            byValue.computeIfPresent(key.value(), (k, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Hands every subscription whose type and index key fit the event to {@code out} (the filter is not checked). */
    void candidates(Event e, Consumer<SubscriptionImpl> out) {
        candidates(byType.get(e.type()), e, out);
        if (!EventTypes.ANY.equals(e.type())) {
            candidates(byType.get(EventTypes.ANY), e, out);
        }
    }

    private static void candidates(TypeIndex t, Event e, Consumer<SubscriptionImpl> out) {
        if (t == null) {
            return;
        }
        t.scan.forEach(out);
        if (t.equal.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Map<String, Set<SubscriptionImpl>>> byName : t.equal.entrySet()) {
            String value = e.attribute(byName.getKey());
            if (value != null) {
                Set<SubscriptionImpl> set = byName.getValue().get(value);
                if (set != null) {
                    set.forEach(out);
                }
            }
        }
    }
}
