package io.switchboard.sca.internal;

import io.switchboard.sca.ScaService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code sca:deactivate ID} (Kamailio's sca.deactivate_subscription): NOTIFY terminated;reason=deactivated.
 */
@Command(
        scope = "sca",
        name = "deactivate",
        description = "Ends a call-info or line-seize subscription (NOTIFY terminated;reason=deactivated)")
@Service
public class ScaDeactivateCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(
            index = 0,
            name = "id",
            description = "subscription id as sca:subscriptions shows it (Call-ID;tag;tag)",
            required = true)
    String id;

    @Override
    public Object execute() {
        System.out.println(sca.deactivate(id) ? "deactivated " + id : "Error 404: no SCA subscription " + id);
        return null;
    }
}
