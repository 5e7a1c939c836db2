package io.switchboard.docs;

import io.switchboard.docs.DocumentedName.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names a bundle's sources declare for administrators, read from the {@code .java} files themselves (not from
 * compiled classes: the settings types are package-private annotations in {@code internal} packages, and reading
 * sources needs no bundle built first). Found by the annotations that already document them for Camel, metatype
 * and Karaf, so that adding one of those is adding a name the guide must show:
 * <ul>
 * <li>{@code @AttributeDefinition} on a settings type's method: the key by the DS 1.4 rule ({@code a__b} is
 * {@code a_b}, {@code a_b} is {@code a.b});</li>
 * <li>{@code @UriParam}/{@code @UriPath} on a field: the option (a field whose type is an {@code @UriParams} class
 * only holds the options, which are that class's fields); {@code name = "..."} when given;</li>
 * <li>{@code @Metadata} on a {@code static final String} constant: the header name it holds; on a setter
 * {@code setFoo}: the component option {@code foo};</li>
 * <li>{@code @Command(scope, name)}: {@code scope:name}.</li>
 * </ul>
 */
final class SourceNames {

    private static final Pattern ANNOTATION =
            Pattern.compile("@(AttributeDefinition|UriParams|UriParam|UriPath|Metadata|Command)\\b");
    private static final Pattern OTHER_ANNOTATION = Pattern.compile("@[\\w.]+");
    private static final Pattern STRING_ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "@interface", "record", "enum");

    private SourceNames() {}

    /** Every documented name declared under {@code sources} (a {@code src/main/java} folder; absent: none). */
    static List<DocumentedName> of(Path sources) {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                texts.put(f.getFileName().toString(), withoutComments(Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(texts);
    }

    /** Every documented name of these sources (file name to its text without comments). */
    static List<DocumentedName> of(Map<String, String> sources) {
        Set<String> optionHolders = new HashSet<>();
        for (String text : sources.values()) {
            for (Declaration d : declarations(text)) {
                if (d.annotation.equals("UriParams") && d.typeDeclaration) {
                    optionHolders.add(d.name);
                }
            }
        }
        List<DocumentedName> names = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            for (Declaration d : declarations(source.getValue())) {
                DocumentedName n = named(d, optionHolders, source.getKey());
                if (n != null) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static DocumentedName named(Declaration d, Set<String> optionHolders, String source) {
        switch (d.annotation) {
            case "AttributeDefinition":
                return d.method ? new DocumentedName(Kind.SETTING, settingKey(d.name), source) : null;
            case "UriParam", "UriPath": {
                if (d.method || d.typeDeclaration || optionHolders.contains(d.type)) {
                    return null;
                }
                String name = d.attributes.getOrDefault("name", d.name);
                return new DocumentedName(Kind.OPTION, name, source);
            }
            case "Metadata":
                if (d.constantValue != null) {
                    return new DocumentedName(Kind.HEADER, d.constantValue, source);
                }
                if (d.method && d.name.length() > 3 && d.name.startsWith("set")) {
                    String option = Character.toLowerCase(d.name.charAt(3)) + d.name.substring(4);
                    return new DocumentedName(Kind.OPTION, option, source);
                }
                return null;
            case "Command":
                return new DocumentedName(
                        Kind.COMMAND, d.attributes.get("scope") + ":" + d.attributes.get("name"), source);
            default:
                return null;
        }
    }

    /** The property name of a settings method, by the DS 1.4 rule the settings reader applies. */
    static String settingKey(String method) {
        if (method.contains("$")) {
            throw new IllegalArgumentException(method + ": the guides check only the _ and __ forms of a key");
        }
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    /** What follows each annotation of interest: its attributes and the declaration it is on. */
    private static List<Declaration> declarations(String text) {
        List<Declaration> out = new ArrayList<>();
        Matcher m = ANNOTATION.matcher(text);
        int from = 0;
        while (m.find(from)) {
            int i = skipSpace(text, m.end());
            Map<String, String> attributes = new TreeMap<>();
            if (i < text.length() && text.charAt(i) == '(') {
                int close = closing(text, i);
                Matcher a = STRING_ATTRIBUTE.matcher(text.substring(i + 1, close));
                while (a.find()) {
                    attributes.putIfAbsent(a.group(1), a.group(2));
                }
                i = close + 1;
            }
            from = i;
            i = skipOtherAnnotations(text, i);
            out.add(Declaration.read(m.group(1), attributes, text, i));
        }
        return out;
    }

    private static int skipOtherAnnotations(String text, int i) {
        while (true) {
            i = skipSpace(text, i);
            Matcher o = OTHER_ANNOTATION.matcher(text).region(i, text.length());
            if (!o.lookingAt() || o.group().equals("@interface")) {
                return i;
            }
            i = skipSpace(text, o.end());
            if (i < text.length() && text.charAt(i) == '(') {
                i = closing(text, i) + 1;
            }
        }
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the parenthesis that closes the one at {@code open}, string literals skipped. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after index " + open);
    }

    private static int endOfString(String text, int quote) {
        for (int i = quote + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return text.length();
    }

    /** The source without its comments (javadoc mentions annotations it does not carry); strings kept. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = Math.min(endOfString(text, i), text.length() - 1);
                out.append(text, i, end + 1);
                i = end;
            } else if (c == '\'' && i + 2 < text.length()) {
                int end = text.charAt(i + 1) == '\\' ? text.indexOf('\'', i + 2) : i + 2;
                out.append(text, i, end + 1);
                i = end;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = (end < 0 ? text.length() : end) - 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = (end < 0 ? text.length() : end + 2) - 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The declaration an annotation is on.
     *
     * @param annotation      the annotation's simple name
     * @param attributes      its string attributes
     * @param name            the declared field, method or type name
     * @param type            the field's type (simple name as written), or null
     * @param method          a method
     * @param typeDeclaration a class, interface, annotation type, record or enum
     * @param constantValue   the literal of a {@code static final String} constant, or null
     */
    private record Declaration(
            String annotation,
            Map<String, String> attributes,
            String name,
            String type,
            boolean method,
            boolean typeDeclaration,
            String constantValue) {

        static Declaration read(String annotation, Map<String, String> attributes, String text, int start) {
            int end = start;
            while (end < text.length() && ";{=(".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String[] tokens = text.substring(start, end).trim().split("\\s+");
            char stop = end < text.length() ? text.charAt(end) : ';';
            for (int k = 0; k < tokens.length - 1; k++) {
                if (TYPE_KEYWORDS.contains(tokens[k])) {
                    return new Declaration(annotation, attributes, tokens[k + 1], null, false, true, null);
                }
            }
            String name = tokens[tokens.length - 1];
            String type = tokens.length > 1 ? tokens[tokens.length - 2] : null;
            if (stop == '(') {
                return new Declaration(annotation, attributes, name, type, true, false, null);
            }
            String constant = null;
            List<String> modifiers = List.of(tokens);
            if (stop == '=' && modifiers.contains("static") && modifiers.contains("final") && "String".equals(type)) {
                int semicolon = text.indexOf(';', end);
                Matcher literal = STRING_LITERAL.matcher(
                        text.substring(end + 1, semicolon).trim());
                if (literal.matches()) {
                    constant = literal.group(1);
                }
            }
            return new Declaration(annotation, attributes, name, type, false, false, constant);
        }
    }
}
