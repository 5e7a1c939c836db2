package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.Scscf;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:scscf-add SIP-URI [--host H] [--capabilities 1,2] [--priority N]}. */
@Command(scope = "ims", name = "scscf-add", description = "Adds or replaces an S-CSCF of the pool")
@Service
public class ImsScscfAddCommand implements Action {

    @Reference
    ImsStore store;

    @Argument(index = 0, name = "name", description = "the S-CSCF's SIP URI (Server-Name)", required = true)
    String name;

    @Option(name = "--host", description = "its Diameter Origin-Host (Destination-Host of RTR/PPR)")
    String host;

    @Option(name = "--capabilities", description = "its capabilities, comma separated")
    String capabilities;

    @Option(name = "--priority", description = "lower is chosen first (default 0)")
    int priority;

    @Override
    public Object execute() {
        try {
            Scscf s = ImsInput.scscf(name, host, Capabilities.parse(capabilities), priority);
            store.putScscf(s);
            System.out.println("S-CSCF " + s.name() + " stored");
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
