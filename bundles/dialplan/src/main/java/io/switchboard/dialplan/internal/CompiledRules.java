package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.Translation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules in force, compiled once and grouped by dial plan, sorted as they are tried (pr, then id). Immutable: a
 * change builds a new one, swapped in whole, so a translation never sees half a reload and takes no lock.
 */
final class CompiledRules {

    static final CompiledRules EMPTY = new CompiledRules(List.of());

    private static final Comparator<DialplanRule> ORDER = Comparator.comparingInt(DialplanRule::dpid)
            .thenComparingInt(DialplanRule::pr)
            .thenComparingLong(DialplanRule::id);

    private record Compiled(DialplanRule rule, Pattern match, Pattern subst) {}

    private final List<DialplanRule> all;
    private final Map<Integer, List<Compiled>> byPlan = new HashMap<>();

    /** @throws IllegalArgumentException for a rule that does not compile (checked by {@link #check} first) */
    CompiledRules(List<DialplanRule> rules) {
        List<DialplanRule> sorted = new ArrayList<>(rules);
        sorted.sort(ORDER);
        this.all = List.copyOf(sorted);
        for (DialplanRule r : sorted) {
            byPlan.computeIfAbsent(r.dpid(), k -> new ArrayList<>())
                    .add(new Compiled(
                            r,
                            r.matchOp() == DialplanRule.REGEX ? Pattern.compile(r.matchExp()) : null,
                            r.substExp().isEmpty() ? null : Pattern.compile(r.substExp())));
        }
    }

    /** Every rule, or those of {@code dpid}, in the order they are tried. */
    List<DialplanRule> rules(Integer dpid) {
        return dpid == null ? all : all.stream().filter(r -> r.dpid() == dpid).toList();
    }

    int size() {
        return all.size();
    }

    /** The first rule of {@code dpid} that matches {@code input}, applied; null when none does. */
    Translation translate(int dpid, String input) {
        List<Compiled> plan = byPlan.get(dpid);
        if (plan == null || input == null) {
            return null;
        }
        for (Compiled c : plan) {
            DialplanRule r = c.rule();
            if (r.matchLen() > 0 && input.length() != r.matchLen()) {
                continue;
            }
            boolean matches = c.match() == null
                    ? input.equals(r.matchExp())
                    : c.match().matcher(input).find();
            if (!matches) {
                continue;
            }
            if (c.subst() == null) {
                return new Translation(r.replExp().isEmpty() ? input : r.replExp(), r);
            }
            Matcher m = c.subst().matcher(input);
            if (!m.find()) {
                continue; // Kamailio: a rule whose substitution does not apply translates nothing; try the next
            }
            return new Translation(
                    input.substring(0, m.start()) + replace(m, r.replExp()) + input.substring(m.end()), r);
        }
        return null;
    }

    /** {@code repl} with {@code \N} replaced by group N of {@code m} and {@code \\} by a backslash. */
    private static String replace(Matcher m, String repl) {
        StringBuilder sb = new StringBuilder(repl.length() + 16);
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c == '\\' && i + 1 < repl.length()) {
                char n = repl.charAt(i + 1);
                if (n >= '0' && n <= '9') {
                    String g = m.group(n - '0');
                    sb.append(g == null ? "" : g);
                    i++;
                    continue;
                }
                if (n == '\\') {
                    sb.append('\\');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Checks a rule before it is stored: known match_op, non-negative match_len, regular expressions that compile,
     * back references that exist.
     *
     * @throws DialplanException 400 saying what is wrong
     */
    static void check(DialplanRule r) throws DialplanException {
        if (r.matchOp() != DialplanRule.EQUAL && r.matchOp() != DialplanRule.REGEX) {
            throw new DialplanException(400, "match_op must be 0 (equal) or 1 (regex), not " + r.matchOp());
        }
        if (r.matchExp().isEmpty()) {
            throw new DialplanException(400, "match_exp is required");
        }
        if (r.matchLen() < 0) {
            throw new DialplanException(400, "match_len must be 0 (any) or more, not " + r.matchLen());
        }
        for (String s : new String[] {r.matchExp(), r.substExp(), r.replExp(), r.attrs()}) {
            if (s.length() > 255 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new DialplanException(400, "expressions and attrs are one line of at most 255 characters");
            }
        }
        if (r.matchOp() == DialplanRule.REGEX) {
            compile(r.matchExp(), "match_exp");
        }
        int groups = r.substExp().isEmpty()
                ? 0
                : compile(r.substExp(), "subst_exp").matcher("").groupCount();
        String repl = r.replExp();
        for (int i = 0; i + 1 < repl.length(); i++) {
            if (repl.charAt(i) == '\\' && Character.isDigit(repl.charAt(i + 1))) {
                int g = repl.charAt(i + 1) - '0';
                if (g > groups) {
                    throw new DialplanException(
                            400, "repl_exp refers to \\" + g + " but subst_exp has " + groups + " group(s)");
                }
                i++;
            } else if (repl.charAt(i) == '\\' && repl.charAt(i + 1) == '\\') {
                i++;
            }
        }
    }

    private static Pattern compile(String regex, String field) throws DialplanException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new DialplanException(
                    400,
                    field + " is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex());
        }
    }
}
