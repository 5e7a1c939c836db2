package io.switchboard.subscription.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.subscription.Subscription;

/** The layer's mutable subscription: refreshes move its expiry and may change its remote target. */
final class ActiveSubscription implements Subscription {

    private final String event;
    private final String presentity;
    private final String watcher;
    private volatile SipDialog dialog;
    private volatile long expiresAt;

    ActiveSubscription(String event, String presentity, String watcher, SipDialog dialog, long expiresAt) {
        this.event = event;
        this.presentity = presentity;
        this.watcher = watcher;
        this.dialog = dialog;
        this.expiresAt = expiresAt;
    }

    @Override
    public String id() {
        return dialog.id();
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public String presentity() {
        return presentity;
    }

    @Override
    public String watcher() {
        return watcher;
    }

    @Override
    public SipDialog dialog() {
        return dialog;
    }

    @Override
    public long expiresAt() {
        return expiresAt;
    }

    void refresh(long newExpiresAt, String contact) {
        expiresAt = newExpiresAt;
        if (contact != null && !contact.equals(dialog.remoteTarget())) {
            dialog = dialog.withRemoteTarget(contact);
        }
    }

    @Override
    public String toString() {
        return event + " " + presentity + " <- " + watcher + " [" + id() + "]";
    }
}
