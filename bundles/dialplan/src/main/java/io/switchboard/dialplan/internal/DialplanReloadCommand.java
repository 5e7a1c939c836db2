package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code dialplan:reload}: reads the rules from the database again (rows changed by SQL, other nodes). */
@Command(scope = "dialplan", name = "reload", description = "Reads every dial plan rule from the database again")
@Service
public class DialplanReloadCommand implements Action {

    @Reference
    DialplanService dialplans;

    @Override
    public Object execute() {
        try {
            System.out.println(dialplans.reload() + " rules in force");
        } catch (DialplanException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
