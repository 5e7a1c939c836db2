package io.switchboard.pickup.internal;

import io.switchboard.pickup.PickupGroups;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pickup:groups}: every pickup group with its members. */
@Command(scope = "pickup", name = "groups", description = "Lists the pickup groups and their members")
@Service
public class PickupGroupsCommand implements Action {

    @Reference
    PickupGroups groups;

    @Override
    public Object execute() {
        StringBuilder sb = new StringBuilder();
        groups.groups()
                .forEach((name, members) -> sb.append(name)
                        .append(": ")
                        .append(String.join(", ", members))
                        .append('\n'));
        System.out.print(sb.length() == 0 ? "No pickup group\n" : sb);
        return null;
    }
}
