package io.switchboard.sca;

import java.util.Locale;

/**
 * The state of one appearance of a shared line, with its wire token ({@code appearance-state} of Call-Info).
 * {@link #ACTIVE_PENDING} is internal (a callee answered, its ACK not seen yet) and goes on the wire as
 * {@code active}.
 */
public enum AppearanceState {
    IDLE("idle"),
    SEIZED("seized"),
    PROGRESSING("progressing"),
    ALERTING("alerting"),
    ACTIVE_PENDING("active"),
    ACTIVE("active"),
    HELD("held"),
    HELD_PRIVATE("held-private");

    private final String token;

    AppearanceState(String token) {
        this.token = token;
    }

    /** The lower-case wire token. */
    public String token() {
        return token;
    }

    /**
     * The state of a wire token, case-insensitively; also {@code ringing} (the word of Kamailio's RPC help for
     * {@code alerting}). Throws IllegalArgumentException for anything else.
     */
    public static AppearanceState parse(String token) {
        String t = token == null ? "" : token.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "idle" -> IDLE;
            case "seized" -> SEIZED;
            case "progressing" -> PROGRESSING;
            case "alerting", "ringing" -> ALERTING;
            case "active" -> ACTIVE;
            case "held" -> HELD;
            case "held-private" -> HELD_PRIVATE;
            default ->
                throw new IllegalArgumentException("unknown appearance state '" + token
                        + "' (idle, seized, progressing, alerting, active, held, held-private)");
        };
    }

    /** Held or held-private. */
    public boolean isHeld() {
        return this == HELD || this == HELD_PRIVATE;
    }
}
