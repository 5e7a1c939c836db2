package io.switchboard.cx.internal;

import io.switchboard.cx.HssRequests;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:deregister [--reason 0-3] [--info TEXT] IDENTITY}: RTR to the S-CSCF on record. */
@Command(
        scope = "ims",
        name = "deregister",
        description = "De-registers a user: RTR to the S-CSCF holding it (network-initiated de-registration)")
@Service
public class ImsDeregisterCommand implements Action {

    @Reference
    HssRequests requests;

    @Argument(index = 0, name = "identity", description = "IMPI, or IMPU (with its implicit set)", required = true)
    String identity;

    @Option(
            name = "--reason",
            description = "Reason-Code: 0 PERMANENT_TERMINATION, 1 NEW_SERVER_ASSIGNED, "
                    + "2 SERVER_CHANGE, 3 REMOVE_S-CSCF")
    int reason;

    @Option(name = "--info", description = "Reason-Info for the user")
    String info;

    @Override
    public Object execute() {
        try {
            ImsDeliveries.print(requests.deregister(identity, reason, info), "RTR", identity);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
