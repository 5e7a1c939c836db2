package io.switchboard.subscription;

import java.util.List;
import org.apache.camel.Exchange;

/**
 * The shared subscription layer (RFC 6665) that event packages (DFKS {@code as-feature-event}, SCA
 * {@code call-info}/{@code line-seize}, ...) are built on. It owns the subscriptions: expiry limits,
 * refresh, un-subscribe, the expiry purge, NOTIFY inside each subscription's dialog (through the
 * {@code sip} component), removal on NOTIFY failure, persistence and restore.
 * <p>
 * A package handles a SUBSCRIBE in two steps so it can refuse the request between them (bad body, unknown
 * user) without touching any subscription: {@link #check} then {@link #accept} or {@link #acceptQuietly}.
 */
public interface SubscriptionService {

    /**
     * Checks a SUBSCRIBE of the package (sip consumer exchange). Returns null when the request is refused:
     * the answer is then set on the exchange ({@code SipStatus} 423 with {@code Min-Expires}, 481 for an
     * in-dialog SUBSCRIBE matching no subscription, 489 for another package, 406 when {@code Accept}
     * excludes the package's type, 400 for a missing Contact).
     */
    SubscribeRequest check(Exchange exchange, EventPackage pkg);

    /**
     * Creates, refreshes or (expires 0) ends the subscription, answers the SUBSCRIBE 200 at once (with
     * {@code Expires}), then sends one NOTIFY with {@code state}: {@code active;expires=N}, or
     * {@code terminated} for an un-subscribe.
     */
    Subscription accept(SubscribeRequest request, NotifyBody state);

    /** Like {@link #accept} but sends no NOTIFY (the package fans out itself, e.g. after a set). */
    Subscription acceptQuietly(SubscribeRequest request);

    /** Sends a NOTIFY with {@code body} in the subscription's dialog, asynchronously. */
    void notify(Subscription subscription, NotifyBody body);

    /**
     * Ends the subscription now (if still active): removes it and sends a NOTIFY with {@code body} and
     * {@code Subscription-State: terminated;reason=<reason>} (RFC 6665 4.1.3 reasons: deactivated, noresource,
     * timeout, ...; null = no reason). Returns false when it had already ended.
     */
    boolean terminate(Subscription subscription, String reason, NotifyBody body);

    /** NOTIFYs every active subscription of the package for the presentity; returns how many were sent. */
    int notifyAll(String event, String presentity, NotifyBody body);

    /** The active subscriptions of the package for the presentity. */
    List<Subscription> subscriptions(String event, String presentity);

    /** Every active subscription. */
    List<Subscription> all();

    /** Number of active subscriptions. */
    int size();

    /** NOTIFYs sent and failed since start: {@code [sent, succeeded, failed, removedOnFailure]}. */
    long[] notifyCounters();
}
