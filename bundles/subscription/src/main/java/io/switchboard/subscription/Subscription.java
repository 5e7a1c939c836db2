package io.switchboard.subscription;

import io.switchboard.sip.SipDialog;

/** One subscription: a dialog in which the platform is the notifier. Read-only view; the layer owns the state. */
public interface Subscription {

    /** Dialog id {@code Call-ID;our tag;subscriber's tag}. */
    String id();

    /** Event package name. */
    String event();

    /** What is watched, {@code user@domain} (the To/Request-URI AoR of the SUBSCRIBE, domain lower case, no port). */
    String presentity();

    /** The subscriber's URI (From of the SUBSCRIBE). */
    String watcher();

    /** The dialog the NOTIFYs are sent in (remote target = the subscriber's Contact). */
    SipDialog dialog();

    /** Epoch millis when the subscription expires. */
    long expiresAt();

    /** Seconds left at {@code now} (epoch millis), at least 0. */
    default int remainingSeconds(long now) {
        return (int) Math.max(0, (expiresAt() - now + 999) / 1000);
    }
}
