package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.DialplanService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code dialplan:list [DPID]}: the rules in force, in the order they are tried. */
@Command(scope = "dialplan", name = "list", description = "Lists the dial plan rules in force (of one dpid or all)")
@Service
public class DialplanListCommand implements Action {

    @Reference
    DialplanService dialplans;

    @Argument(index = 0, name = "dpid", description = "only the rules of this dial plan")
    Integer dpid;

    @Override
    public Object execute() {
        StringBuilder sb = new StringBuilder(String.format(
                "%-5s %-5s %-4s %-5s %-24s %-3s %-24s %-16s %s%n",
                "id", "dpid", "pr", "op", "match_exp", "len", "subst_exp", "repl_exp", "attrs"));
        for (DialplanRule r : dialplans.rules(dpid)) {
            sb.append(RuleText.line(r)).append('\n');
        }
        System.out.print(sb);
        return null;
    }
}
