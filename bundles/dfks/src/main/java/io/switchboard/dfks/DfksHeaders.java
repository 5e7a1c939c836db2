package io.switchboard.dfks;

/**
 * Headers of the exchanges sent to the integrator routes {@code direct:dfks-get} and {@code direct:dfks-set}.
 * The platform sets them before the route runs; the get route answers by setting them, the set route stores
 * them (and may change them: what they hold when the route ends is what gets NOTIFYed).
 */
public final class DfksHeaders {

    /** User part of the presentity. String. */
    public static final String USER = "DfksUser";
    /** Domain of the presentity (lower case). String. */
    public static final String DOMAIN = "DfksDomain";
    /** The presentity URI {@code sip:user@domain}. String. */
    public static final String PRESENTITY = "DfksPresentity";
    /** {@code DoNotDisturb}, {@code CallForwardingAlways}, {@code CallForwardingBusy}, {@code CallForwardingNoAnswer}. String. */
    public static final String FEATURE = "DfksFeature";
    /** On/off. Boolean (the get route may also set 1/0 or "true"/"false"). Preset false for a get. */
    public static final String STATUS = "DfksStatus";
    /** Forwarding target. String or absent. */
    public static final String FORWARD_TO = "DfksForwardTo";
    /** Rings before forwarding (CallForwardingNoAnswer). Integer or absent. */
    public static final String RING_COUNT = "DfksRingCount";
    /** Preset true; the get route sets false for a feature the user does not have (left out of NOTIFYs). */
    public static final String ASSIGNED = "DfksAssigned";
    /** Preset true; the set route may set false to send no NOTIFY. */
    public static final String NOTIFY = "DfksNotify";
    /** A route sets it true when the user does not exist: SUBSCRIBE 404, shell/REST error 404. */
    public static final String UNKNOWN_USER = "DfksUnknownUser";
    /** Who asks: {@code sip} (a phone), {@code shell}, {@code rest} or {@code api}. String. */
    public static final String SOURCE = "DfksSource";
    /** Free text from the shell command or REST call ({@code --param}), absent for SIP (OpenSIPS {@code $dfks(param)}). */
    public static final String PARAM = "DfksParam";
    /** The phone's {@code <device>} value of a Set request. String or absent. */
    public static final String DEVICE = "DfksDevice";

    private DfksHeaders() {
    }
}
