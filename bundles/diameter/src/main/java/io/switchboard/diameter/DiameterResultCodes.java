package io.switchboard.diameter;

/**
 * Base Result-Code values (RFC 6733 §7.1) and the 3GPP Experimental-Result-Code values of Cx (TS 29.229 §6.2),
 * named once so that routes and the Cx bundle do not spread bare numbers. The two sets reuse numbers (5001 is
 * AVP_UNSUPPORTED as a Result-Code and ERROR_USER_UNKNOWN as an Experimental-Result-Code), hence the prefixes.
 */
public final class DiameterResultCodes {

    public static final long SUCCESS = 2001;
    public static final long LIMITED_SUCCESS = 2002;
    public static final long COMMAND_UNSUPPORTED = 3001;
    public static final long UNABLE_TO_DELIVER = 3002;
    public static final long REALM_NOT_SERVED = 3003;
    public static final long TOO_BUSY = 3004;
    public static final long APPLICATION_UNSUPPORTED = 3007;
    public static final long INVALID_HDR_BITS = 3008;
    public static final long INVALID_AVP_BITS = 3009;
    public static final long UNKNOWN_PEER = 3010;
    public static final long AUTHENTICATION_REJECTED = 4001;
    public static final long ELECTION_LOST = 4003;
    public static final long AVP_UNSUPPORTED = 5001;
    public static final long UNKNOWN_SESSION_ID = 5002;
    public static final long AUTHORIZATION_REJECTED = 5003;
    public static final long INVALID_AVP_VALUE = 5004;
    public static final long MISSING_AVP = 5005;
    public static final long RESOURCES_EXCEEDED = 5006;
    public static final long CONTRADICTING_AVPS = 5007;
    public static final long AVP_NOT_ALLOWED = 5008;
    public static final long AVP_OCCURS_TOO_MANY_TIMES = 5009;
    public static final long NO_COMMON_APPLICATION = 5010;
    public static final long UNSUPPORTED_VERSION = 5011;
    public static final long UNABLE_TO_COMPLY = 5012;
    public static final long INVALID_BIT_IN_HEADER = 5013;
    public static final long INVALID_AVP_LENGTH = 5014;
    public static final long INVALID_MESSAGE_LENGTH = 5015;

    /** 3GPP vendor id (Experimental-Result's Vendor-Id for the codes below). */
    public static final long VENDOR_3GPP = 10415;

    public static final long EXP_FIRST_REGISTRATION = 2001;
    public static final long EXP_SUBSEQUENT_REGISTRATION = 2002;
    public static final long EXP_UNREGISTERED_SERVICE = 2003;
    public static final long EXP_SUCCESS_SERVER_NAME_NOT_STORED = 2004;
    public static final long EXP_ERROR_USER_UNKNOWN = 5001;
    public static final long EXP_ERROR_IDENTITIES_DONT_MATCH = 5002;
    public static final long EXP_ERROR_IDENTITY_NOT_REGISTERED = 5003;
    public static final long EXP_ERROR_ROAMING_NOT_ALLOWED = 5004;
    public static final long EXP_ERROR_IDENTITY_ALREADY_REGISTERED = 5005;
    public static final long EXP_ERROR_AUTH_SCHEME_NOT_SUPPORTED = 5006;
    public static final long EXP_ERROR_IN_ASSIGNMENT_TYPE = 5007;
    public static final long EXP_ERROR_TOO_MUCH_DATA = 5008;
    public static final long EXP_ERROR_NOT_SUPPORTED_USER_DATA = 5009;

    private DiameterResultCodes() {}

    /** 3xxx: protocol errors, answered with the E bit (RFC 6733 §7.1.3). */
    public static boolean isProtocolError(long resultCode) {
        return resultCode >= 3000 && resultCode < 4000;
    }
}
