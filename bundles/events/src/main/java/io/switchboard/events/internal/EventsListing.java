package io.switchboard.events.internal;

import java.util.List;

/** The shell's listing of subscriptions: one line each, the routes suspended in events:wait marked as such. */
final class EventsListing {

    private EventsListing() {}

    static String text(List<SubscriptionImpl> all, long now) {
        StringBuilder sb = new StringBuilder();
        int waits = 0;
        for (SubscriptionImpl s : all) {
            waits += s.isWait() ? 1 : 0;
            sb.append(String.format(
                    "%s %s %s [%s] owner=%s%s age=%ds delivered=%d%n",
                    s.id(),
                    s.isWait() ? "wait" : "subscription",
                    s.spec().type(),
                    s.spec().filter(),
                    s.spec().owner(),
                    s.spec().timeoutMillis() > 0 ? " timeout=" + s.spec().timeoutMillis() + "ms" : "",
                    (now - s.createdAt()) / 1000,
                    s.delivered()));
        }
        sb.append(all.size()).append(" subscriptions, ").append(waits).append(" waiting routes\n");
        return sb.toString();
    }
}
