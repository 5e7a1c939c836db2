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

    /**
     * A DFKS feature's stored state changed (dfks): {@code user}, {@code feature} ({@code dnd}, {@code cfa},
     * {@code cfb}, {@code cfna}), {@code enabled}, {@code value}, {@code ring_count}, {@code source}, {@code device}.
     */
    public static final String DFKS = "DFKS";

    /**
     * An appearance of a shared line changed state (sca): {@code aor}, {@code index}, {@code state} (wire token),
     * {@code owner}, {@code call_id}.
     */
    public static final String SCA = "SCA";

    /**
     * A USSD session ended (ussd): {@code session_id}, {@code user}, {@code direction}, {@code ussd_string},
     * {@code outcome}, {@code steps}, {@code duration_ms}.
     */
    public static final String USSD_END = "USSD_END";

    /**
     * A SIP subscription was created or ended (subscription): {@code change} ({@code created}, {@code ended}),
     * {@code event}, {@code watcher}, {@code target}, {@code id}, {@code expires}, {@code reason}.
     */
    public static final String SUBSCRIPTION = "SUBSCRIPTION";

    /** The {@code state} of a {@link #DIALOG} event that ends the run-time subscriptions bound to its call. */
    public static final String DIALOG_ENDED = "ended";

    private EventTypes() {}
}
