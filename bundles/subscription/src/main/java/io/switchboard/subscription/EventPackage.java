package io.switchboard.subscription;

import java.util.List;
import java.util.Map;

/**
 * An event package (RFC 6665) on the shared subscription layer, published as an OSGi service so the layer
 * can re-NOTIFY restored subscriptions with current state after a restart. The package itself handles
 * SUBSCRIBE requests through {@link SubscriptionService#check} / {@link SubscriptionService#accept}.
 * <p>
 * The default methods are the package's own settings; their defaults ({@code 0}, {@code 200}, none) mean "as the
 * layer does for every package", so a package that does not override them (DFKS) behaves as before.
 */
public interface EventPackage {

    /** The package name of the {@code Event} header, e.g. {@code as-feature-event}. */
    String event();

    /**
     * The body type of its NOTIFYs (what a SUBSCRIBE's {@code Accept} must allow); null for a package whose
     * NOTIFYs carry no body (SCA: the state is in a header), whose SUBSCRIBEs are then not checked for Accept.
     */
    String contentType();

    /**
     * The full current state for one subscription, or {@link NotifyBody#NONE} for a NOTIFY without body.
     * May block (it may run integrator routes); never called on a SIP stack thread by the layer.
     */
    NotifyBody state(Subscription subscription) throws Exception;

    /**
     * Whether {@code watcher}, the authenticated subscriber ({@code user@domain}: digest credentials, or the From AoR
     * of a trusted source), may subscribe to {@code presentity}; the layer answers 403 otherwise. Asked for every
     * new SUBSCRIBE (refreshes and un-subscribes are bound to the dialog of one that was). The default, a user
     * watches only itself, is what a package that forgets to say gets: nobody watches anybody else.
     */
    default boolean authorizes(String watcher, String presentity) {
        return watcher != null && watcher.equals(presentity);
    }

    /** Longest expiry granted, seconds; 0 = the layer's {@code max_expires}. */
    default int maxExpires() {
        return 0;
    }

    /** Expiry of a SUBSCRIBE without Expires (RFC 6665 3.1.1: the package default), seconds; 0 = the layer's. */
    default int defaultExpires() {
        return 0;
    }

    /** Shortest expiry accepted (shorter: 423), seconds; 0 = the layer's {@code min_expires}. */
    default int minExpires() {
        return 0;
    }

    /** Status of the answer to an accepted SUBSCRIBE: 200 OK, or 202 Accepted for packages that use it. */
    default int successStatus() {
        return 200;
    }

    /** Extra headers of that answer (name to values), besides {@code Expires}; none by default. */
    default Map<String, List<String>> successHeaders(SubscribeRequest request) {
        return Map.of();
    }

    /** Seconds between two expiry purges of this package's subscriptions; 0 = the layer's (every second). */
    default int purgeIntervalSeconds() {
        return 0;
    }

    /**
     * Seconds between two writes of this package's subscription changes to the database; 0 = the layer's
     * write-behind (every second). All pending changes are written at stop anyway.
     */
    default int writeIntervalSeconds() {
        return 0;
    }

    /**
     * Called after the purge removed an expired subscription of this package (its {@code terminated;reason=timeout}
     * NOTIFY is on its way), on the layer's timer thread, and after the layer ended a subscription of a removed
     * subscriber ({@code terminated;reason=noresource} or {@code rejected}), on the remover's thread: release what
     * the subscription held.
     */
    default void expired(Subscription subscription) {}
}
