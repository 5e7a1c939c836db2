package io.switchboard.subscription;

/**
 * An event package (RFC 6665) on the shared subscription layer, published as an OSGi service so the layer
 * can re-NOTIFY restored subscriptions with current state after a restart. The package itself handles
 * SUBSCRIBE requests through {@link SubscriptionService#check} / {@link SubscriptionService#accept}.
 */
public interface EventPackage {

    /** The package name of the {@code Event} header, e.g. {@code as-feature-event}. */
    String event();

    /** The body type of its NOTIFYs (what a SUBSCRIBE's {@code Accept} must allow). */
    String contentType();

    /**
     * The full current state for one subscription, or {@link NotifyBody#NONE} for a NOTIFY without body.
     * May block (it may run integrator routes); never called on a SIP stack thread by the layer.
     */
    NotifyBody state(Subscription subscription) throws Exception;
}
