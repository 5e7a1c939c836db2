package io.switchboard.dfks;

import org.apache.camel.spi.Metadata;

/**
 * Headers of the exchanges sent to the integrator routes {@code direct:dfks-get} and {@code direct:dfks-set}, each
 * documented by its {@link Metadata} (label {@code get}, {@code set}: the routes that read or answer it).
 * The platform sets them before the route runs; the get route answers by setting them, the set route stores
 * them (and may change them: what they hold when the route ends is what gets NOTIFYed).
 */
public final class DfksHeaders {

    @Metadata(label = "get,set", javaType = "String", description = "User part of the presentity.")
    public static final String USER = "DfksUser";

    @Metadata(label = "get,set", javaType = "String", description = "Domain of the presentity (lower case).")
    public static final String DOMAIN = "DfksDomain";

    @Metadata(label = "get,set", javaType = "String", description = "The presentity URI sip:user@domain.")
    public static final String PRESENTITY = "DfksPresentity";

    @Metadata(
            label = "get,set",
            javaType = "String",
            enums = "DoNotDisturb,CallForwardingAlways,CallForwardingBusy,CallForwardingNoAnswer",
            description = "The feature asked for or set.")
    public static final String FEATURE = "DfksFeature";

    @Metadata(
            label = "get,set",
            javaType = "Boolean",
            description = "On/off (the get route may also set 1/0 or \"true\"/\"false\"). Preset false for a get.")
    public static final String STATUS = "DfksStatus";

    @Metadata(label = "get,set", javaType = "String", description = "Forwarding target; absent when there is none.")
    public static final String FORWARD_TO = "DfksForwardTo";

    @Metadata(
            label = "get,set",
            javaType = "Integer",
            description = "Rings before forwarding (CallForwardingNoAnswer); absent when there is none.")
    public static final String RING_COUNT = "DfksRingCount";

    @Metadata(
            label = "get,set",
            javaType = "Boolean",
            description = "Preset true; a route sets false for a feature the user does not have (a get leaves it out "
                    + "of NOTIFYs, a set is refused with 403).")
    public static final String ASSIGNED = "DfksAssigned";

    @Metadata(
            label = "set",
            javaType = "Boolean",
            description = "Preset true; the set route may set false to send no " + "NOTIFY.")
    public static final String NOTIFY = "DfksNotify";

    @Metadata(
            label = "get,set",
            javaType = "Boolean",
            description = "A route sets it true when the user does not exist: SUBSCRIBE 404, shell/REST error 404.")
    public static final String UNKNOWN_USER = "DfksUnknownUser";

    @Metadata(
            label = "set",
            javaType = "String",
            description = "The set route sets it to refuse the value asked for (a forward target it does not allow):"
                    + " nothing is NOTIFYed, the phone gets 403 Forbidden with this text as reason, shell and REST a"
                    + " 403 error with it.")
    public static final String REFUSED = "DfksRefused";

    @Metadata(
            label = "get,set",
            javaType = "String",
            enums = "sip,shell,rest,api,get",
            description = "Who asks the set route: sip (a phone), shell, rest or api; the get route always gets get "
                    + "(it is not told who reads).")
    public static final String SOURCE = "DfksSource";

    @Metadata(
            label = "get,set",
            javaType = "String",
            description = "Free text from the shell command or REST call (--param), absent for SIP (OpenSIPS "
                    + "$dfks(param)).")
    public static final String PARAM = "DfksParam";

    @Metadata(
            label = "set",
            javaType = "String",
            description = "The phone's <device> value of a Set request; absent " + "when there is none.")
    public static final String DEVICE = "DfksDevice";

    @Metadata(
            label = "get",
            javaType = "Boolean",
            description = "Preset true when every feature of the user is read at once (a call's features): DfksFeature "
                    + "is then absent and the route may answer DfksFeatureRows; a route that does not answer them is "
                    + "asked once per feature instead.")
    public static final String ALL = "DfksAll";

    @Metadata(
            label = "get",
            javaType = "List<Map<String, Object>>",
            description = "Answer to DfksAll: one map per stored feature with the keys feature, status, forward_to and "
                    + "ring_count (a camel-sql SelectList); a feature without a row is off, a row whose feature is "
                    + "null (an outer join's answer for a user with none stored) is ignored.")
    public static final String FEATURE_ROWS = "DfksFeatureRows";

    private DfksHeaders() {}
}
