package io.switchboard.cx;

/**
 * Exchange headers of the {@code ifc:match} endpoint. In: the SIP request of the sip consumer ({@code SipMessage},
 * {@code SipRequestUri}) and the served user or a profile; out: the application servers in priority order.
 */
public final class IfcHeaders {

    /** In: the served user's IMPU; its profile and registration state come from the IMS store. */
    public static final String SERVED_USER = "IfcServedUser";

    /** In (instead of the served user): the name of a stored service profile; the user counts as registered. */
    public static final String PROFILE = "IfcProfile";

    /** In (instead of both): User-Data of a SAA, an {@code <IMSSubscription>} document (String); all profiles. */
    public static final String USER_DATA = "IfcUserData";

    /**
     * In: the session case, a number (0–4) or a name of {@link SessionCase}; default ORIGINATING_SESSION, or
     * TERMINATING_UNREGISTERED for a served user that is not registered and no case given.
     */
    public static final String SESSION_CASE = "IfcSessionCase";

    /** In: REGISTER only, the registration type (0 initial, 1 re-, 2 de-registration). */
    public static final String REGISTRATION_TYPE = "IfcRegistrationType";

    /** Out: {@code List<String>}, the SIP URIs of the matching application servers in priority order. */
    public static final String APPLICATION_SERVERS = "IfcApplicationServers";

    /** Out: {@code List<ApplicationServerMatch>}, the same with priority, DefaultHandling and ServiceInfo. */
    public static final String MATCHES = "IfcMatches";

    /** Out: the SIP URI of the first matching application server; absent when none matched. */
    public static final String FIRST_APPLICATION_SERVER = "IfcApplicationServer";

    private IfcHeaders() {}
}
