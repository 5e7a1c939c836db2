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

    /** Removes {@code username@domain}; false when there was none. */
    boolean remove(String username, String domain);

    /** The subscriber, or empty. */
    Optional<Subscriber> find(String username, String domain);

    /** Every subscriber, ordered by domain and username. */
    List<Subscriber> list();
}
