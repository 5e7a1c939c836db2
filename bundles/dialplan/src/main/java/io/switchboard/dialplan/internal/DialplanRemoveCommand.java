package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code dialplan:remove ID}: removes a rule (out of force at once). */
@Command(scope = "dialplan", name = "remove", description = "Removes a dial plan rule by id")
@Service
public class DialplanRemoveCommand implements Action {

    @Reference
    DialplanService dialplans;

    @Argument(index = 0, name = "id", description = "the rule's id (dialplan:list)", required = true)
    long id;

    @Override
    public Object execute() {
        try {
            dialplans.remove(id);
            System.out.println("Removed rule " + id);
        } catch (DialplanException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
