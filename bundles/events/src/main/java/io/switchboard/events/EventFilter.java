package io.switchboard.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Conditions on an event's attributes, all of which must hold. Written as {@code cond,cond,...} where a condition is
 * {@code name=value} (equal), {@code name^=prefix} (starts with) or {@code name~=regex} (the whole value matches);
 * {@code \,} is a comma inside a value. An attribute the event lacks fails its condition. The first equality
 * condition is the one the bus indexes subscriptions by, so an event only meets the subscriptions that can match.
 */
public final class EventFilter {

    /** No condition: every event of the type. */
    public static final EventFilter ALL = new EventFilter(List.of(), "");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final List<Condition> conditions;
    private final String text;

    private EventFilter(List<Condition> conditions, String text) {
        this.conditions = List.copyOf(conditions);
        this.text = text;
    }

    /** One condition; {@code pattern} is set for {@link Op#REGEX}. */
    public record Condition(String name, Op op, String value, Pattern pattern) {

        boolean matches(String actual) {
            if (actual == null) {
                return false;
            }
            return switch (op) {
                case EQUALS -> actual.equals(value);
                case PREFIX -> actual.startsWith(value);
                case REGEX -> pattern.matcher(actual).matches();
            };
        }
    }

    /** The three comparisons. */
    public enum Op {
        EQUALS("="),
        PREFIX("^="),
        REGEX("~=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * Parses a filter; null or blank is {@link #ALL}.
     *
     * @throws IllegalArgumentException naming the bad condition (no operator, bad name, bad regex)
     */
    public static EventFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Condition> out = new ArrayList<>();
        for (String part : split(text)) {
            if (part.isBlank()) {
                continue;
            }
            out.add(condition(part));
        }
        return new EventFilter(out, text.trim());
    }

    /** A filter of equality conditions, in the map's order (a publisher's or a test's shorthand). */
    public static EventFilter equalities(Map<String, String> values) {
        List<Condition> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            out.add(new Condition(k, Op.EQUALS, v, null));
            sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v.replace(",", "\\,"));
        });
        return new EventFilter(out, sb.toString());
    }

    private static Condition condition(String part) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    "filter condition '" + part + "' has no operator: use name=value, name^=prefix or name~=regex");
        }
        Op op = Op.EQUALS;
        int nameEnd = eq;
        char before = part.charAt(eq - 1);
        if (before == '^') {
            op = Op.PREFIX;
            nameEnd = eq - 1;
        } else if (before == '~') {
            op = Op.REGEX;
            nameEnd = eq - 1;
        }
        String name = part.substring(0, nameEnd).trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("filter condition '" + part + "': bad attribute name '" + name + "'");
        }
        String value = part.substring(eq + 1);
        Pattern pattern = null;
        if (op == Op.REGEX) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "filter condition '" + part + "': bad regular expression: " + e.getDescription(), e);
            }
        }
        return new Condition(name, op, value, pattern);
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** True when every condition holds for these attributes. */
    public boolean matches(Map<String, String> attributes) {
        for (Condition c : conditions) {
            if (!c.matches(attributes.get(c.name()))) {
                return false;
            }
        }
        return true;
    }

    /** The conditions, in the order written. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** The first equality condition (the index key), or null. */
    public Condition indexKey() {
        for (Condition c : conditions) {
            if (c.op() == Op.EQUALS) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
