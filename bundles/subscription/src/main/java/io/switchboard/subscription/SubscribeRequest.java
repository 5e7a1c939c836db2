package io.switchboard.subscription;

import org.apache.camel.Exchange;

/**
 * A SUBSCRIBE that {@link SubscriptionService#check} found acceptable: the granted expiry and, for a refresh
 * or an un-subscribe, the subscription it belongs to. Hand it to {@link SubscriptionService#accept}.
 *
 * @param exchange   the sip consumer exchange of the SUBSCRIBE
 * @param pkg        the event package
 * @param presentity {@code user@domain} watched
 * @param expires    granted seconds; 0 ends the subscription
 * @param existing   the subscription refreshed or ended (in-dialog SUBSCRIBE), null for a new one
 */
public record SubscribeRequest(
        Exchange exchange, EventPackage pkg, String presentity, int expires, Subscription existing) {

    /** User part of the presentity. */
    public String user() {
        int at = presentity.indexOf('@');
        return at < 0 ? presentity : presentity.substring(0, at);
    }

    /** Domain part of the presentity. */
    public String domain() {
        int at = presentity.indexOf('@');
        return at < 0 ? "" : presentity.substring(at + 1);
    }
}
