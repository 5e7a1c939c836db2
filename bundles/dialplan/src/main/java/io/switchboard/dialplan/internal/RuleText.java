package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanRule;
import java.util.Locale;

/** A rule as the shell shows it, and match_op given by name or Kamailio's number (shell and REST alike). */
public final class RuleText {

    private RuleText() {}

    /** One line: {@code id dpid pr op match_exp len subst_exp repl_exp attrs}. */
    static String line(DialplanRule r) {
        return String.format(
                "%-5d %-5d %-4d %-5s %-24s %-3d %-24s %-16s %s",
                r.id(),
                r.dpid(),
                r.pr(),
                r.matchOpName(),
                r.matchExp(),
                r.matchLen(),
                r.substExp(),
                r.replExp(),
                r.attrs());
    }

    /**
     * {@code equal}/{@code 0} or {@code regex}/{@code 1}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static int matchOp(String op) {
        switch (op == null ? "" : op.trim().toLowerCase(Locale.ROOT)) {
            case "0", "equal" -> {
                return DialplanRule.EQUAL;
            }
            case "1", "regex" -> {
                return DialplanRule.REGEX;
            }
            default -> throw new IllegalArgumentException("match_op must be equal (0) or regex (1), not '" + op + "'");
        }
    }
}
