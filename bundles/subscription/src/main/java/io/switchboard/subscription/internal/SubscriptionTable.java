package io.switchboard.subscription.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Active subscriptions by dialog id, indexed by (event, presentity) for the fan-out. */
final class SubscriptionTable {

    private final Map<String, ActiveSubscription> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<ActiveSubscription>> byPresentity = new ConcurrentHashMap<>();

    private static String key(String event, String presentity) {
        return event + '\n' + presentity;
    }

    ActiveSubscription get(String id) {
        return byId.get(id);
    }

    void put(ActiveSubscription s) {
        ActiveSubscription old = byId.put(s.id(), s);
        if (old != null && old != s) {
            unindex(old);
        }
        byPresentity
                .computeIfAbsent(key(s.event(), s.presentity()), k -> ConcurrentHashMap.newKeySet())
                .add(s);
    }

    /** Removes exactly this subscription (not a newer one with the same id); true when it was there. */
    boolean remove(ActiveSubscription s) {
        if (byId.remove(s.id(), s)) {
            unindex(s);
            return true;
        }
        return false;
    }

    private void unindex(ActiveSubscription s) {
        byPresentity.computeIfPresent(key(s.event(), s.presentity()), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    List<ActiveSubscription> of(String event, String presentity) {
        Set<ActiveSubscription> set = byPresentity.get(key(event, presentity));
        return set == null ? List.of() : new ArrayList<>(set);
    }

    List<ActiveSubscription> expired(long now) {
        List<ActiveSubscription> out = new ArrayList<>();
        for (ActiveSubscription s : byId.values()) {
            if (s.expiresAt() <= now) {
                out.add(s);
            }
        }
        return out;
    }

    Collection<ActiveSubscription> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }
}
