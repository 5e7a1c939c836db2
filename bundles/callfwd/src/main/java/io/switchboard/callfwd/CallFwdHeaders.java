package io.switchboard.callfwd;

import org.apache.camel.spi.Metadata;

/**
 * The Camel message headers the {@code callfwd} endpoints set for the routes after them: which user's features
 * applied, what they are, and what was decided. Routes read them to log, bill or change the decision (a route may
 * answer itself instead); the names are part of the route files' contract and never change.
 */
public final class CallFwdHeaders {

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "callfwd:apply output: user@domain whose features were read and applied last (the called"
                    + " user, or the last local user of a forward chain); absent when the target is no user of ours.")
    public static final String USER = "SipFeatureUser";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "callfwd:apply output: Do-Not-Disturb of SipFeatureUser is on.")
    public static final String DND = "SipFeatureDnd";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "callfwd:apply output: the forward target of Call Forwarding Always of SipFeatureUser when"
                    + " it is on; absent when off.")
    public static final String CFA = "SipFeatureCfa";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "callfwd:apply output: the forward target of Call Forwarding Busy of SipFeatureUser when it"
                    + " is on; absent when off.")
    public static final String CFB = "SipFeatureCfb";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "callfwd:apply output: the forward target of Call Forwarding No Answer of SipFeatureUser"
                    + " when it is on; absent when off (then SipProxyInviteTimeout is set to its ring time).")
    public static final String CFNA = "SipFeatureCfna";

    @Metadata(
            label = "producer",
            javaType = "Integer",
            description = "callfwd:apply output: rings before Call Forwarding No Answer forwards (the user's"
                    + " ringCount, else the setting ring_count); absent when CFNA is off.")
    public static final String RING_COUNT = "SipFeatureRingCount";

    @Metadata(
            label = "producer",
            javaType = "String",
            enums = "none,dnd,cfa,cfb,cfna,loop,limit,refused",
            description = "Every callfwd operation: what it decided this time: none (nothing to do), dnd (answered"
                    + " SipStatus or forwarded to the DND target), cfa, cfb, cfna (forwarded), loop and limit"
                    + " (answered: the forward would close a cycle or pass max_forwards), refused (a forward target"
                    + " outside our domains that the allow-list does not match: not forwarded).")
    public static final String DECISION = "SipFeatureDecision";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "The decisions of this call so far, comma-separated in order (cfa,cfb); what the dialog"
                    + " events carry as DialogFeature.")
    public static final String DECISIONS = "SipFeatureDecisions";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "The target of the last forward (a SIP URI); also put in SipRequestUri, and in SipTargets"
                    + " when it is outside our domains.")
    public static final String FORWARD_TO = "SipFeatureForwardTo";

    @Metadata(
            label = "producer",
            javaType = "Integer",
            description = "Forwards in this call's chain so far, those of the History-Info the call arrived with"
                    + " included (entries with a cause, RFC 4458).")
    public static final String FORWARDS = "SipFeatureForwards";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "callfwd:unavailable and callfwd:failure output: true when the call was forwarded and the"
                    + " route must find the new target (direct:call-target) and relay again; false otherwise.")
    public static final String RETARGET = "SipFeatureRetarget";

    private CallFwdHeaders() {}
}
