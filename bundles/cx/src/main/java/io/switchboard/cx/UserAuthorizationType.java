package io.switchboard.cx;

/** User-Authorization-Type (AVP 623) of a UAR or LIR; absent means {@link #REGISTRATION}. */
public enum UserAuthorizationType {
    REGISTRATION,
    DE_REGISTRATION,
    REGISTRATION_AND_CAPABILITIES;

    /** The AVP's value. */
    public int code() {
        return ordinal();
    }

    /** The type of an AVP value, null when the value is not one of the three. */
    public static UserAuthorizationType of(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
