package io.switchboard.ussd.internal;

/**
 * What the menu route answered for one step: a text that continues the session (our INFO, the user answers) or
 * ends it (our BYE), or an error-code that ends it. {@link Next} names the choice, so that no caller passes a bare
 * boolean that reads the same either way.
 *
 * @param language  the language of the text when the route chose another one than the session's, else null
 * @param errorCode non-null: end the session with this ussd-data error-code instead of a text
 */
record MenuAnswer(String text, Next next, String language, Integer errorCode) {

    /** Whether the session goes on after this answer. */
    enum Next {
        /** show the text and wait for the user's answer (INFO). */
        CONTINUE,
        /** the text is the last one (BYE). */
        END
    }

    /** A text the user answers: the session continues. */
    static MenuAnswer prompt(String text) {
        return new MenuAnswer(text, Next.CONTINUE, null, null);
    }

    /** The final text: the session ends with it. */
    static MenuAnswer last(String text) {
        return new MenuAnswer(text, Next.END, null, null);
    }

    static MenuAnswer error(int code) {
        return new MenuAnswer(null, Next.END, null, code);
    }

    boolean continues() {
        return next == Next.CONTINUE;
    }
}
