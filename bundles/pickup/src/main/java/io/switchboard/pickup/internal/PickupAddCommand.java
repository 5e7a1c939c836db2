package io.switchboard.pickup.internal;

import io.switchboard.pickup.PickupException;
import io.switchboard.pickup.PickupGroups;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pickup:add GROUP AOR}: a member into a pickup group (in force for the next pickup). */
@Command(scope = "pickup", name = "add", description = "Adds a user (user@domain) to a pickup group")
@Service
public class PickupAddCommand implements Action {

    @Reference
    PickupGroups groups;

    @Argument(index = 0, name = "group", description = "the group's name", required = true)
    String group;

    @Argument(index = 1, name = "aor", description = "the member, user@domain", required = true)
    String aor;

    @Override
    public Object execute() {
        try {
            System.out.println(groups.add(group, aor) ? "Added " + aor + " to " + group : aor + " is in " + group);
        } catch (PickupException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
