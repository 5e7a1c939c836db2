package io.switchboard.callfwd;

/**
 * Why a call was forwarded, with the two ways the wire says it: the {@code cause} URI parameter of RFC 4458 in a
 * History-Info entry (RFC 7044) and the {@code reason} of a Diversion header (RFC 5806), for the PBXs that still
 * read only that one.
 */
public enum ForwardCause {
    /** Call Forwarding Always. */
    ALWAYS("cfa", 302, "unconditional"),
    /** Call Forwarding Busy: every branch answered 486 or 600. */
    BUSY("cfb", 486, "user-busy"),
    /** Call Forwarding No Answer: the branches rang ringCount × ring interval (or a 408). */
    NO_ANSWER("cfna", 408, "no-answer"),
    /** Call Forwarding No Answer for a user with no device registered (or a 480). */
    UNAVAILABLE("cfna", 480, "unavailable"),
    /** Do-Not-Disturb with a target configured (a voicemail) instead of an answer. */
    DO_NOT_DISTURB("dnd", 486, "do-not-disturb");

    private final String decision;
    private final int cause;
    private final String diversionReason;

    ForwardCause(String decision, int cause, String diversionReason) {
        this.decision = decision;
        this.cause = cause;
        this.diversionReason = diversionReason;
    }

    /** The value of {@code SipFeatureDecision}: {@code cfa}, {@code cfb}, {@code cfna} or {@code dnd}. */
    public String decision() {
        return decision;
    }

    /** RFC 4458 cause: 302 unconditional, 486 busy, 408 no reply, 480 not reachable. */
    public int cause() {
        return cause;
    }

    /** RFC 5806 diversion-reason. */
    public String diversionReason() {
        return diversionReason;
    }
}
