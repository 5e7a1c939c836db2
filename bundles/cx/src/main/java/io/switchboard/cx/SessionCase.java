package io.switchboard.cx;

/** The SessionCase of an SPT (TS 29.228 Annex F); the enum's ordinal is the XML value. */
public enum SessionCase {
    ORIGINATING_SESSION,
    TERMINATING_REGISTERED,
    TERMINATING_UNREGISTERED,
    ORIGINATING_UNREGISTERED,
    ORIGINATING_CDIV;

    /** The case of an XML value, null when out of range. */
    public static SessionCase of(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
