package io.switchboard.diameter;

/**
 * Codes of the base AVPs (RFC 6733 §4.5) the stack itself reads and writes. Every other AVP, and these too, are
 * known to the {@link DiameterDictionary} by name; these constants keep the peer state machine free of string
 * look-ups on its hot path.
 */
public final class AvpCodes {

    public static final int USER_NAME = 1;
    public static final int HOST_IP_ADDRESS = 257;
    public static final int AUTH_APPLICATION_ID = 258;
    public static final int ACCT_APPLICATION_ID = 259;
    public static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;
    public static final int SESSION_ID = 263;
    public static final int ORIGIN_HOST = 264;
    public static final int SUPPORTED_VENDOR_ID = 265;
    public static final int VENDOR_ID = 266;
    public static final int FIRMWARE_REVISION = 267;
    public static final int RESULT_CODE = 268;
    public static final int PRODUCT_NAME = 269;
    public static final int DISCONNECT_CAUSE = 273;
    public static final int AUTH_SESSION_STATE = 277;
    public static final int ORIGIN_STATE_ID = 278;
    public static final int FAILED_AVP = 279;
    public static final int ERROR_MESSAGE = 281;
    public static final int ROUTE_RECORD = 282;
    public static final int DESTINATION_REALM = 283;
    public static final int DESTINATION_HOST = 293;
    public static final int ERROR_REPORTING_HOST = 294;
    public static final int ORIGIN_REALM = 296;
    public static final int EXPERIMENTAL_RESULT = 297;
    public static final int EXPERIMENTAL_RESULT_CODE = 298;
    public static final int INBAND_SECURITY_ID = 299;

    private AvpCodes() {}
}
