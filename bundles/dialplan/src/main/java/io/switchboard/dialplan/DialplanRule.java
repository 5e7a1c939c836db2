package io.switchboard.dialplan;

/**
 * One rule of a dial plan, with the columns of Kamailio's {@code dialplan} table. The rules of one dial plan
 * ({@code dpid}) are tried by {@code pr} (lowest first, then {@code id}); the first whose {@code match_exp} matches
 * the input translates it: {@code subst_exp} (a regular expression) is replaced in the input by {@code repl_exp}
 * ({@code \1}..{@code \9} are its groups); with an empty {@code subst_exp} the output is {@code repl_exp} itself,
 * with both empty the input is kept. {@code attrs} go to the route.
 *
 * @param id       the rule's key (0 before it is stored)
 * @param dpid     the dial plan the rule belongs to
 * @param pr       priority: lower first
 * @param matchOp  {@link #EQUAL} (0) or {@link #REGEX} (1), Kamailio's numbers
 * @param matchExp the string (equal) or regular expression (regex, searched in the input) that selects the rule
 * @param matchLen the input's length the rule needs, 0 for any
 * @param substExp the regular expression replaced in the input; empty: the output is replExp
 * @param replExp  the replacement, with {@code \1}..{@code \9} for the groups of substExp
 * @param attrs    free text for the route (header SipDialplanAttrs)
 */
public record DialplanRule(
        long id,
        int dpid,
        int pr,
        int matchOp,
        String matchExp,
        int matchLen,
        String substExp,
        String replExp,
        String attrs) {

    /** Absent expressions and attrs are empty strings, as in Kamailio's table (NOT NULL DEFAULT ''). */
    public DialplanRule {
        matchExp = matchExp == null ? "" : matchExp;
        substExp = substExp == null ? "" : substExp;
        replExp = replExp == null ? "" : replExp;
        attrs = attrs == null ? "" : attrs;
    }

    /** match_op 0: the input equals match_exp. */
    public static final int EQUAL = 0;

    /** match_op 1: match_exp is a regular expression found in the input. */
    public static final int REGEX = 1;

    /** The same rule with key {@code newId}. */
    public DialplanRule withId(long newId) {
        return new DialplanRule(newId, dpid, pr, matchOp, matchExp, matchLen, substExp, replExp, attrs);
    }

    /** {@code equal} or {@code regex}. */
    public String matchOpName() {
        return matchOp == EQUAL ? "equal" : "regex";
    }
}
