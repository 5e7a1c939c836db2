package io.switchboard.subscription.internal;

import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code subscription:list}: one line per active subscription, then the NOTIFY counters. */
@Command(
        scope = "subscription",
        name = "list",
        description = "Lists the active subscriptions: event, presentity, watcher, contact, expires in")
@Service
public class SubscriptionListCommand implements Action {

    @Reference
    SubscriptionService subscriptions;

    @Option(name = "--event", description = "only this event package")
    String event;

    @Override
    public Object execute() {
        long now = System.currentTimeMillis();
        List<Subscription> all = subscriptions.all();
        StringBuilder sb = new StringBuilder(
                String.format("%-20s %-28s %-32s %-40s %s%n", "Event", "Presentity", "Watcher", "Contact", "Expires"));
        int n = 0;
        for (Subscription s : all) {
            if (event != null && !event.equalsIgnoreCase(s.event())) {
                continue;
            }
            n++;
            sb.append(String.format(
                    "%-20s %-28s %-32s %-40s %ds%n",
                    s.event(), s.presentity(), s.watcher(), s.dialog().remoteTarget(), s.remainingSeconds(now)));
        }
        long[] c = subscriptions.notifyCounters();
        sb.append(n)
                .append(" subscriptions; NOTIFY sent=")
                .append(c[0])
                .append(" ok=")
                .append(c[1])
                .append(" failed=")
                .append(c[2])
                .append(" removedOnFailure=")
                .append(c[3])
                .append('\n');
        System.out.print(sb);
        return null;
    }
}
