package io.switchboard.pickup.internal;

import io.switchboard.pickup.PickupException;
import io.switchboard.pickup.PickupGroups;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pickup:remove GROUP AOR}: a member out of a pickup group. */
@Command(scope = "pickup", name = "remove", description = "Removes a user from a pickup group")
@Service
public class PickupRemoveCommand implements Action {

    @Reference
    PickupGroups groups;

    @Argument(index = 0, name = "group", description = "the group's name", required = true)
    String group;

    @Argument(index = 1, name = "aor", description = "the member, user@domain", required = true)
    String aor;

    @Override
    public Object execute() {
        try {
            System.out.println(
                    groups.remove(group, aor) ? "Removed " + aor + " from " + group : "Error 404: not a member");
        } catch (PickupException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
