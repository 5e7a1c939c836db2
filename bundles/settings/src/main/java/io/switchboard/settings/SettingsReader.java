package io.switchboard.settings;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Reads the Config Admin properties of one PID into its settings type: an annotation type that is both a DS
 * component property type and a metatype {@code @ObjectClassDefinition} (so {@code config:meta} in Karaf lists
 * the keys with their defaults and descriptions). Keys, types and defaults are declared there once; a
 * {@link Check} adds the valid range or form.
 * <p>
 * Why not let SCR coerce the properties: SCR turns a malformed number into a {@code ComponentException} or a
 * default silently, and each bundle then failed its own way (a component that does not start, a change that
 * throws in {@code @Modified}, a text taken as {@code false}). Here a value that is absent or blank means the
 * default; a value of the wrong type, out of its range or not of its form is <em>rejected</em>: one warning naming
 * the PID, the key and the value, and the key keeps its previous valid value (the default on the first read). The
 * other keys of the same update apply. A {@link #rule rule} between keys that an update breaks is handled the same
 * way for the keys it names. The reader remembers the last valid settings, so a component that is re-activated by
 * SCR on a change keeps them too when it holds its reader in a static field.
 *
 * @param <T> the settings type
 */
public final class SettingsReader<T extends Annotation> {

    private final String pid;
    private final Class<T> type;
    private final Consumer<String> warnings;
    /** By property name, in name order (the order of toString). */
    private final Map<String, Key> keys = new TreeMap<>();

    private final List<Rule<T>> rules = new ArrayList<>();
    private final Map<String, Object> defaults;
    private Map<String, Object> current;

    /**
     * @param pid      the configuration PID, named in every warning
     * @param type     the settings type: an annotation type whose every element has a default
     * @param warnings where the warning lines of rejected values go
     */
    public SettingsReader(String pid, Class<T> type, Consumer<String> warnings) {
        if (!type.isAnnotation()) {
            throw new IllegalArgumentException(type + " is not an annotation type");
        }
        this.pid = pid;
        this.type = type;
        this.warnings = warnings;
        Map<String, Object> d = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            Key k = new Key(m);
            keys.put(k.name, k);
            d.put(k.name, k.defaultValue);
        }
        defaults = Map.copyOf(d);
        current = defaults;
    }

    /** A reader whose warnings go to the log of the settings type (karaf.log). */
    public static <T extends Annotation> SettingsReader<T> of(String pid, Class<T> type) {
        return new SettingsReader<>(pid, type, LoggerFactory.getLogger(type)::warn);
    }

    /**
     * Adds a rule between keys (as {@code min_expires <= max_expires}): an update that breaks it is rejected for
     * the keys it names, which keep their previous values.
     *
     * @param what  the rule in words, for the warning
     * @param holds the rule
     * @param names the property names it is about
     */
    public SettingsReader<T> rule(String what, Predicate<T> holds, String... names) {
        for (String n : names) {
            if (!keys.containsKey(n)) {
                throw new IllegalArgumentException(type.getName() + " has no setting " + n);
            }
        }
        if (!holds.test(view(defaults))) {
            throw new IllegalStateException("the defaults of " + type.getName() + " break " + what);
        }
        rules.add(new Rule<>(what, holds, List.of(names)));
        return this;
    }

    /** The PID this reader reads. */
    public String pid() {
        return pid;
    }

    /** The defaults of every key. */
    public T defaults() {
        return view(defaults);
    }

    /** The settings of the last {@link #read} (the defaults before any). */
    public synchronized T current() {
        return view(current);
    }

    /**
     * The settings of these properties (as Config Admin gives them to {@code @Activate}/{@code @Modified}; null is
     * none): absent or blank keys have their default, rejected ones their previous value, each with a warning.
     */
    public synchronized T read(Map<String, ?> properties) {
        Map<String, Object> next = new HashMap<>();
        for (Key k : keys.values()) {
            Object raw = properties == null ? null : properties.get(k.name);
            if (raw == null || raw.toString().isBlank()) {
                next.put(k.name, k.defaultValue);
                continue;
            }
            try {
                next.put(k.name, k.parse(raw.toString().trim()));
            } catch (IllegalArgumentException e) {
                Object kept = current.get(k.name);
                warnings.accept(pid + ": " + k.name + " = '" + k.shown(raw) + "' rejected (" + e.getMessage()
                        + "); keeping " + k.shown(kept));
                next.put(k.name, kept);
            }
        }
        for (Rule<T> r : rules) {
            if (!r.holds().test(view(next))) {
                StringJoiner given = new StringJoiner(", ");
                StringJoiner kept = new StringJoiner(", ");
                for (String n : r.names()) {
                    Key k = keys.get(n);
                    given.add(n + " = '" + k.shown(next.get(n)) + "'");
                    kept.add(n + " = " + k.shown(current.get(n)));
                    next.put(n, current.get(n));
                }
                warnings.accept(pid + ": " + given + " rejected (the rule is " + r.what() + "); keeping " + kept);
            }
        }
        for (Rule<T> r : rules) {
            if (!r.holds().test(view(next))) { // keeping one rule's keys broke another: keep everything
                warnings.accept(
                        pid + ": the whole update rejected (the rule is " + r.what() + "); keeping " + view(current));
                return view(current);
            }
        }
        current = Map.copyOf(next);
        return view(current);
    }

    private T view(Map<String, Object> values) {
        StringJoiner text = new StringJoiner(", ", pid + "{", "}");
        for (Key k : keys.values()) {
            text.add(k.name + "=" + k.shown(values.get(k.name)));
        }
        Map<String, Object> byMethod = new HashMap<>();
        for (Key k : keys.values()) {
            byMethod.put(k.method.getName(), values.get(k.name));
        }
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, new Values(type, Map.copyOf(byMethod), text.toString())));
    }

    /** The invocation handler of a settings instance: the values by method name. */
    private record Values(Class<?> type, Map<String, Object> values, String text) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            String name = method.getName();
            if (args != null && args.length == 1 && name.equals("equals")) {
                Object other = args[0];
                return other != null
                        && Proxy.isProxyClass(other.getClass())
                        && Proxy.getInvocationHandler(other) instanceof Values v
                        && v.type == type
                        && v.values.equals(values);
            }
            return switch (name) {
                case "toString" -> text;
                case "hashCode" -> values.hashCode();
                case "annotationType" -> type;
                default -> values.get(name);
            };
        }
    }

    private record Rule<T>(String what, Predicate<T> holds, List<String> names) {}

    /** One setting: its property name, type, default and check. */
    private static final class Key {

        private static final List<Class<?>> TYPES =
                List.of(String.class, int.class, long.class, double.class, boolean.class);

        final Method method;
        final String name;
        final Object defaultValue;
        final Check check;
        final Pattern pattern;
        final boolean secret;

        Key(Method method) {
            this.method = method;
            this.name = KeyNames.key(method.getName());
            if (!TYPES.contains(method.getReturnType())) {
                throw new IllegalArgumentException(method + ": a setting is one of " + TYPES);
            }
            this.defaultValue = method.getDefaultValue();
            if (defaultValue == null) {
                throw new IllegalArgumentException(method + ": every setting needs a default");
            }
            this.check = method.getAnnotation(Check.class);
            this.pattern = check == null || check.pattern().isEmpty() ? null : Pattern.compile(check.pattern());
            this.secret = method.isAnnotationPresent(Secret.class);
            if (!(defaultValue instanceof String s && s.isEmpty())) {
                try {
                    checked(defaultValue);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            method + ": the default " + defaultValue + " is invalid: " + e.getMessage(), e);
                }
            }
        }

        /** The value of a non-blank text, or IllegalArgumentException saying why it is invalid. */
        Object parse(String text) {
            Class<?> t = method.getReturnType();
            Object value;
            if (t == String.class) {
                value = text;
            } else if (t == boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                value = Boolean.parseBoolean(text);
            } else if (t == double.class) {
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number");
                }
                if (!Double.isFinite((Double) value)) {
                    throw new IllegalArgumentException("not a finite number");
                }
            } else {
                try {
                    value = t == int.class ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a whole number in range");
                }
            }
            return checked(value);
        }

        private Object checked(Object value) {
            if (check == null) {
                return value;
            }
            if (value instanceof Number n) {
                if (n.doubleValue() < check.min()) {
                    throw new IllegalArgumentException("less than " + number(check.min()));
                }
                if (n.doubleValue() > check.max()) {
                    throw new IllegalArgumentException("more than " + number(check.max()));
                }
            }
            if (pattern != null && !pattern.matcher(value.toString()).matches()) {
                throw new IllegalArgumentException(
                        "not " + (check.expected().isEmpty() ? "matching " + pattern : check.expected()));
            }
            return value;
        }

        /** The value as a log line shows it: {@code ***} for a secret, {@code ''} for an empty text. */
        String shown(Object value) {
            if (secret) {
                return "***";
            }
            return "".equals(value) ? "''" : String.valueOf(value);
        }

        private static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
