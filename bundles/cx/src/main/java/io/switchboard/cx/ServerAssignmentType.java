package io.switchboard.cx;

/** Server-Assignment-Type (AVP 614) of a SAR, TS 29.229 §6.3.15; the enum's ordinal is the AVP's value. */
public enum ServerAssignmentType {
    NO_ASSIGNMENT,
    REGISTRATION,
    RE_REGISTRATION,
    UNREGISTERED_USER,
    TIMEOUT_DEREGISTRATION,
    USER_DEREGISTRATION,
    TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME,
    USER_DEREGISTRATION_STORE_SERVER_NAME,
    ADMINISTRATIVE_DEREGISTRATION,
    AUTHENTICATION_FAILURE,
    AUTHENTICATION_TIMEOUT,
    DEREGISTRATION_TOO_MUCH_DATA,
    AAA_USER_DATA_REQUEST,
    PGW_UPDATE,
    RESTORATION;

    /** The AVP's value. */
    public int code() {
        return ordinal();
    }

    /** The type of an AVP value, null when the value is none of TS 29.229's (answered 5004 INVALID_AVP_VALUE). */
    public static ServerAssignmentType of(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
