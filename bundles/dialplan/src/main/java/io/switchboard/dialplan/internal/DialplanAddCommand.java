package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.DialplanService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code dialplan:add DPID MATCH_EXP [--op regex|equal] [--pr N] [--len N] [--subst RE] [--repl R]
 * [--attrs A]}: stores a rule and puts it in force; a bad regular expression is refused.
 */
@Command(scope = "dialplan", name = "add", description = "Adds a dial plan rule (in force at once)")
@Service
public class DialplanAddCommand implements Action {

    @Reference
    DialplanService dialplans;

    @Argument(index = 0, name = "dpid", description = "the dial plan", required = true)
    int dpid;

    @Argument(index = 1, name = "match_exp", description = "the string or regular expression", required = true)
    String matchExp;

    @Option(name = "--op", description = "regex (default) or equal")
    String op = "regex";

    @Option(name = "--pr", description = "priority, lower first (default 0)")
    int pr;

    @Option(name = "--len", description = "match_len: the input's length, 0 for any (default)")
    int len;

    @Option(name = "--subst", description = "subst_exp: the regular expression replaced")
    String subst = "";

    @Option(name = "--repl", description = "repl_exp: the replacement, \\1..\\9 for groups")
    String repl = "";

    @Option(name = "--attrs", description = "attrs handed to the route (SipDialplanAttrs)")
    String attrs = "";

    @Override
    public Object execute() {
        try {
            DialplanRule r = dialplans.add(
                    new DialplanRule(0, dpid, pr, RuleText.matchOp(op), matchExp, len, subst, repl, attrs));
            System.out.println("Added: " + RuleText.line(r));
        } catch (DialplanException e) {
            System.out.println("Error " + e.status() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            System.out.println("Error 400: " + e.getMessage());
        }
        return null;
    }
}
