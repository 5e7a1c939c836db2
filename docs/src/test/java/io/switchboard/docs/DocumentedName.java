package io.switchboard.docs;

/**
 * A name an administrator uses and the code declares, which the bundle's guide must therefore show.
 *
 * @param kind   what it is (which also says how the guide must show it)
 * @param name   the name as written in a cfg file, a route or the shell
 * @param source the file that declares it, for the failure message
 */
record DocumentedName(Kind kind, String name, String source) {

    /** The kinds of names the guides document. */
    enum Kind {
        /** A Config Admin key of a settings type ({@code @AttributeDefinition}). */
        SETTING,
        /** An endpoint option or path ({@code @UriParam}, {@code @UriPath}) or a component option. */
        OPTION,
        /** The value of a header constant ({@code @Metadata}). */
        HEADER,
        /** A Karaf shell command {@code scope:name} ({@code @Command}). */
        COMMAND
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " `" + name + "` (" + source + ")";
    }
}
