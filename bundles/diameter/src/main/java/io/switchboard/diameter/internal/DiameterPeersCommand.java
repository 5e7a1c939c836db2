package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterStack;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code diameter:peers}: each peer, its state and address, so an operator sees at once which peer is down. */
@Command(scope = "diameter", name = "peers", description = "Lists the Diameter peers and their state")
@Service
public class DiameterPeersCommand implements Action {

    @Reference
    DiameterService service;

    @Override
    public Object execute() {
        DiameterStack s = service.stack();
        if (s == null) {
            System.out.println("The Diameter node is not running (see karaf.log)");
            return null;
        }
        System.out.printf("%s (%s)%n", s.originHost(), s.originRealm());
        System.out.printf("%-40s %-24s %-9s %-4s %s%n", "PEER", "REALM", "STATE", "DIR", "ADDRESS");
        for (DiameterPeerInfo p : s.peers()) {
            System.out.printf(
                    "%-40s %-24s %-9s %-4s %s%n",
                    p.identity(), p.realm(), p.state(), p.initiator() ? "out" : "in", p.address());
        }
        return null;
    }
}
