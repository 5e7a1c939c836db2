package io.switchboard.sca.internal;

import io.switchboard.sca.ScaService;
import io.switchboard.subscription.Subscription;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code sca:subscriptions} (Kamailio's sca.all_subscriptions). */
@Command(scope = "sca", name = "subscriptions", description = "Lists every call-info and line-seize subscription")
@Service
public class ScaSubscriptionsCommand implements Action {

    @Reference
    ScaService sca;

    @Override
    public Object execute() {
        long now = System.currentTimeMillis();
        int n = 0;
        for (Subscription s : sca.subscriptions()) {
            System.out.println(ScaCommands.format(s, now));
            n++;
        }
        System.out.println(n + " subscriptions");
        return null;
    }
}
