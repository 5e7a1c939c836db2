package io.switchboard.cx;

/**
 * Exchange headers of the {@code cx:} endpoints. {@code cx:uar|mar|sar|lir} need none (the body is the Diameter
 * request and becomes its answer); {@code cx:deregister} and {@code cx:push-profile} read these.
 */
public final class CxHeaders {

    /** In: the IMPI or IMPU to de-register ({@code cx:deregister}), the IMPI whose profile to push. */
    public static final String IDENTITY = "CxIdentity";

    /** In ({@code cx:deregister}): Reason-Code 0–3 of Deregistration-Reason; default 0 PERMANENT_TERMINATION. */
    public static final String REASON_CODE = "CxReasonCode";

    /** In ({@code cx:deregister}): Reason-Info, the text the S-CSCF may show the user; optional. */
    public static final String REASON_INFO = "CxReasonInfo";

    /** In ({@code cx:push-profile}, instead of an identity): push to every user of this service profile. */
    public static final String PROFILE = "CxProfile";

    /** Out: true when every S-CSCF answered 2001 (also true when there was nobody to send to). */
    public static final String DELIVERED = "CxDelivered";

    private CxHeaders() {}
}
