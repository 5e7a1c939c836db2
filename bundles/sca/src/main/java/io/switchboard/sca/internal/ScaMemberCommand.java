package io.switchboard.sca.internal;

import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code sca:member add|remove|list LINE [MEMBER]}: who may watch a shared line and seize its
 * appearances (a SUBSCRIBE of anybody else is refused 403).
 */
@Command(scope = "sca", name = "member", description = "Adds, removes or lists the members of a shared line")
@Service
public class ScaMemberCommand implements Action {

    @Reference
    ScaService sca;

    @Argument(index = 0, name = "action", description = "add, remove or list", required = true)
    String action;

    @Argument(index = 1, name = "line", description = "user@domain of the shared line", required = true)
    String line;

    @Argument(index = 2, name = "member", description = "user@domain of the subscriber (add, remove)")
    String member;

    @Override
    public Object execute() {
        try {
            switch (action) {
                case "list" -> {
                    List<String> members = sca.members(line);
                    if (members.isEmpty()) {
                        System.out.println("no members of " + line);
                    }
                    members.forEach(System.out::println);
                }
                case "add", "remove" -> {
                    if (member == null) {
                        System.out.println("Error 400: sca:member " + action + " needs a member (user@domain)");
                    } else if (action.equals("add")) {
                        boolean added = sca.addMember(line, member);
                        System.out.println((added ? "added " : "already a member: ") + LineMembers.aor(member, "member")
                                + " to " + LineMembers.aor(line, "line"));
                    } else {
                        boolean removed = sca.removeMember(line, member);
                        System.out.println((removed ? "removed " : "not a member: ") + LineMembers.aor(member, "member")
                                + " from " + LineMembers.aor(line, "line"));
                    }
                }
                default -> System.out.println("Error 400: unknown action " + action + " (add, remove, list)");
            }
        } catch (ScaException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        }
        return null;
    }
}
