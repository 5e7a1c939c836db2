package io.switchboard.store;

import java.util.List;
import java.util.Optional;

/**
 * The subscribers table. An OSGi service of the store bundle; lookups are served from memory after the
 * first hit, changes made through this service are written to the database at once.
 */
public interface SubscriberStore {

    /** Adds or replaces {@code username@domain}, storing the password and its MD5 and SHA-256 HA1 (realm = domain). */
    void add(String username, String domain, String password);

    /**
     * Removes {@code username@domain} and tells every {@link SubscriberListener} (its registrations and
     * subscriptions end; its answered calls too when {@code endCalls}); false when there was none (nobody is told).
     * Replacing a subscriber with {@link #add} (a new password) is not a removal: nobody is told.
     */
    boolean remove(String username, String domain, boolean endCalls);

    /** {@link #remove(String, String, boolean)} that leaves the subscriber's calls alone. */
    default boolean remove(String username, String domain) {
        return remove(username, domain, false);
    }

    /** The subscriber, or empty. */
    Optional<Subscriber> find(String username, String domain);

    /** Every subscriber, ordered by domain and username. */
    List<Subscriber> list();
}
