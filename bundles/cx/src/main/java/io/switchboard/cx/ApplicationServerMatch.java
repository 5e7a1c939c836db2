package io.switchboard.cx;

/**
 * An application server whose iFC matched: its SIP URI, the iFC's priority, DefaultHandling (0 SESSION_CONTINUED,
 * 1 SESSION_TERMINATED: what to do when the AS does not answer) and the ServiceInfo to send it (may be null).
 */
public record ApplicationServerMatch(String serverName, int priority, int defaultHandling, String serviceInfo) {

    public static final int SESSION_CONTINUED = 0;
    public static final int SESSION_TERMINATED = 1;
}
