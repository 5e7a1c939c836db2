package io.switchboard.settings;

/**
 * The property name of a component property type method, by the rule of Declarative Services 1.4 (OSGi
 * Compendium 112.8.2.1), which the metatype generator applies to the attribute ids too: {@code _} is a dot,
 * {@code __} an underscore, {@code $_$} a hyphen, {@code $$} a dollar, another {@code $} nothing. So
 * {@code max__expires()} is {@code max_expires} (Kamailio's name) and {@code menu_route()} is {@code menu.route}.
 */
public final class KeyNames {

    private KeyNames() {}

    /** The property name of the method {@code name}. */
    public static String key(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (i + 1 < name.length() && name.charAt(i + 1) == '_') {
                    out.append('_');
                    i++;
                } else {
                    out.append('.');
                }
            } else if (c == '$') {
                if (name.startsWith("$_$", i)) {
                    out.append('-');
                    i += 2;
                } else if (i + 1 < name.length() && name.charAt(i + 1) == '$') {
                    out.append('$');
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
