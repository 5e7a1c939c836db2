package io.switchboard.cx;

/**
 * The outcome of a Cx request: a base {@code Result-Code} (RFC 6733) or, when {@link #experimental()}, an
 * {@code Experimental-Result} with Vendor-Id 10415 (TS 29.229 §6.2). The same number means different things in the
 * two AVPs (5003 barred vs. 5003 not registered), so a result is never a bare number.
 */
public record CxResult(int code, boolean experimental) {

    public static final CxResult SUCCESS = new CxResult(2001, false);
    public static final CxResult AUTHENTICATION_REJECTED = new CxResult(4001, false);
    public static final CxResult AUTHORIZATION_REJECTED = new CxResult(5003, false);
    public static final CxResult INVALID_AVP_VALUE = new CxResult(5004, false);
    public static final CxResult MISSING_AVP = new CxResult(5005, false);
    public static final CxResult UNABLE_TO_COMPLY = new CxResult(5012, false);

    public static final CxResult FIRST_REGISTRATION = new CxResult(2001, true);
    public static final CxResult SUBSEQUENT_REGISTRATION = new CxResult(2002, true);
    public static final CxResult UNREGISTERED_SERVICE = new CxResult(2003, true);
    public static final CxResult USER_UNKNOWN = new CxResult(5001, true);
    public static final CxResult IDENTITIES_DONT_MATCH = new CxResult(5002, true);
    public static final CxResult IDENTITY_NOT_REGISTERED = new CxResult(5003, true);
    public static final CxResult ROAMING_NOT_ALLOWED = new CxResult(5004, true);
    public static final CxResult IDENTITY_ALREADY_REGISTERED = new CxResult(5005, true);
    public static final CxResult AUTH_SCHEME_NOT_SUPPORTED = new CxResult(5006, true);
    public static final CxResult IN_ASSIGNMENT_TYPE = new CxResult(5007, true);
    public static final CxResult TOO_MUCH_DATA = new CxResult(5008, true);

    /** The Vendor-Id of 3GPP, carried in Experimental-Result. */
    public static final int VENDOR_3GPP = 10415;

    /** True for 1xxx and 2xxx: the answer is a success (and may carry data). */
    public boolean success() {
        return code < 3000;
    }

    @Override
    public String toString() {
        return (experimental ? "Experimental-Result " : "Result-Code ") + code;
    }
}
