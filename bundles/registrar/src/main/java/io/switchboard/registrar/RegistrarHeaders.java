package io.switchboard.registrar;

/** Camel message headers set by the {@code registrar}, {@code location} and authentication endpoints. */
public final class RegistrarHeaders {

    /**
     * {@code SipTargets}: set by {@code location:lookup}, a {@code List<String>} of the contact URIs of the
     * Request-URI's AoR, newest registration first; {@code SipRequestUri} is rewritten to its first element.
     */
    public static final String TARGETS = "SipTargets";

    /** {@code SipAuthUser}: {@code user@domain} of the subscriber whose digest credentials were accepted. */
    public static final String AUTH_USER = "SipAuthUser";

    private RegistrarHeaders() {
    }
}
