package io.switchboard.registrar.internal;

import io.switchboard.store.DigestHashes;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

class MemorySubscriberStore implements SubscriberStore {
    final Map<String, Subscriber> map = new ConcurrentHashMap<>();

    @Override
    public void add(String username, String domain, String password) {
        map.put(
                username + "@" + domain,
                new Subscriber(
                        username,
                        domain,
                        password,
                        DigestHashes.ha1("MD5", username, domain, password),
                        DigestHashes.ha1("SHA-256", username, domain, password)));
    }

    @Override
    public boolean remove(String username, String domain, boolean endCalls) {
        return map.remove(username + "@" + domain) != null;
    }

    @Override
    public Optional<Subscriber> find(String username, String domain) {
        return Optional.ofNullable(map.get(username + "@" + domain));
    }

    @Override
    public List<Subscriber> list() {
        return new ArrayList<>(map.values());
    }
}
