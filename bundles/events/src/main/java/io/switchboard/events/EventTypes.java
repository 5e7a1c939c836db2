package io.switchboard.events;

/**
 * The event types the platform's bundles publish, and their attributes (the table of the bundle guide). A route or a
 * later bundle may publish any other type; names are case-sensitive.
 */
public final class EventTypes {

    /** Subscribes to every type. */
    public static final String ANY = "*";

    /**
     * A contact changed by a REGISTER (registrar): {@code aor}, {@code contact}, {@code expires} (seconds),
     * {@code change} ({@code registered}, {@code refreshed}, {@code removed}), {@code source}, {@code user_agent},
     * {@code call_id}, and {@code pn-provider}, {@code pn-prid}, {@code pn-param} when the contact URI has them
     * (RFC 8599).
     */
    public static final String REGISTER = "REGISTER";

    /** A contact that expired (registrar housekeeping): the attributes of {@link #REGISTER}, change {@code expired}. */
    public static final String CONTACT_EXPIRED = "CONTACT_EXPIRED";

    /**
     * A dialog's state changed (dialog): {@code call_id}, {@code from}, {@code to}, {@code state} ({@code created},
     * {@code ringing}, {@code answered}, {@code ended}), {@code end_reason}, {@code ended_by}, {@code pdd_ms}.
     */
    public static final String DIALOG = "DIALOG";

    /** The {@code state} of a {@link #DIALOG} event that ends the run-time subscriptions bound to its call. */
    public static final String DIALOG_ENDED = "ended";

    private EventTypes() {}
}
