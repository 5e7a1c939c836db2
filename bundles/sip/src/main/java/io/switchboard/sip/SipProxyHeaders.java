package io.switchboard.sip;

import org.apache.camel.spi.Metadata;

/**
 * The Camel message headers of the {@code proxy} component ({@code proxy:relay}, {@code proxy:check}): what a route
 * sets before relaying (targets, header edits) and what it reads afterwards (status, local-domain tests). The names
 * are part of the route files' contract and never change.
 * <p>
 * {@code proxy:check} also answers a refused request through the {@code sip} component's own headers
 * ({@link SipHeaders#STATUS}, {@link SipHeaders#REASON} and {@code SipHeader.Unsupported} for a 420), which the
 * consumer sends when the route ends; a failure route answers the same way.
 */
public final class SipProxyHeaders {

    @Metadata(
            label = "producer",
            description = "proxy:relay input: the targets to fork to in parallel: a List of URIs or one"
                    + " comma-separated String; absent: the Request-URI. Ignored for in-dialog requests and requests "
                    + "with a"
                    + " Route after ours. A failure route may set it and call proxy:relay again (serial fallback).",
            javaType = "Object")
    public static final String TARGETS = "SipTargets";

    @Metadata(
            label = "producer",
            description = "proxy:relay input: a Map from a target URI of SipTargets to the connection it registered"
                    + " on, as a SIP URI (sip:ADDRESS:PORT;transport=tcp; Kamailio's destination URI from the "
                    + "location's"
                    + " received). While the stack has that connection open the target's branch goes over it; when it "
                    + "is"
                    + " gone, to the target itself. Set by location:lookup for contacts registered over TCP.",
            javaType = "java.util.Map<String, String>")
    public static final String DESTINATIONS = "SipProxyDestinations";

    @Metadata(
            label = "producer",
            description = "proxy:relay input: milliseconds the INVITE branches of this relay may ring before they are"
                    + " CANCELled and count as 408, instead of the endpoint's inviteTimeout (Kamailio's t_set_fr):"
                    + " call forwarding on no answer sets it from the user's ring count. Not a positive number: the"
                    + " endpoint's inviteTimeout.",
            javaType = "Long")
    public static final String INVITE_TIMEOUT = "SipProxyInviteTimeout";

    @Metadata(
            label = "producer",
            description = "proxy:relay output: the final status of the relay: the 2xx forwarded, the best failure"
                    + " of every branch (the failure route sees it), or the refusal sent (483, 420, 403, 404); for a "
                    + "CANCEL"
                    + " 200, or 481 when it matched no pending INVITE.",
            javaType = "Integer")
    public static final String STATUS = "SipProxyStatus";

    @Metadata(
            label = "producer",
            description = "proxy:relay output: the reason phrase of SipProxyStatus.",
            javaType = "String")
    public static final String REASON = "SipProxyReason";

    @Metadata(
            label = "producer",
            description = "proxy:relay input (and onReply route output): names of headers removed from the relayed"
                    + " request and from a"
                    + " relayed 2xx ACK (comma-separated String or a List), e.g. Call-Info that SCA phones send to "
                    + "the proxy"
                    + " only; naming Proxy-Require also keeps its tags from being refused with 420.",
            javaType = "Object")
    public static final String REMOVE_HEADERS = "SipProxyRemoveHeaders";

    @Metadata(
            label = "producer",
            description = "proxy:relay input (and onReply route output): prefix of headers put on the relayed"
                    + " request (and a relayed 2xx"
                    + " ACK) after SipProxyRemoveHeaders, replacing those of the same name:"
                    + " SipProxyHeader.Replaces = \"callid;to-tag=..;from-tag=..\"; a List puts one header "
                    + "per element.",
            javaType = "Object")
    public static final String HEADER_PREFIX = "SipProxyHeader.";

    @Metadata(
            label = "producer",
            description = "proxy:relay input (and onReply route output): prefix of headers added to the relayed"
                    + " message after those of the same name (which stay): SipProxyAddHeader.Supported = \"timer\";"
                    + " a List adds one header per element. Applied after SipProxyHeader.<Name>.",
            javaType = "Object")
    public static final String ADD_HEADER_PREFIX = "SipProxyAddHeader.";

    @Metadata(
            label = "producer",
            description = "proxy:relay input (and onReply route output): prefix of headers from which single values"
                    + " are removed (comma-separated String or a List of values, compared without case on the value"
                    + " before its ;parameters): SipProxyRemoveValue.Require = \"sec-agree\"; a header left empty"
                    + " is removed. Applied after SipProxyRemoveHeaders; tags removed from Proxy-Require are not "
                    + "refused with 420.",
            javaType = "Object")
    public static final String REMOVE_VALUE_PREFIX = "SipProxyRemoveValue.";

    @Metadata(
            label = "producer",
            description = "proxy:relay input (and onReply route output): the body of the relayed message (a String,"
                    + " sent as UTF-8, or a byte[]), replacing the received one; Content-Length follows, Content-Type"
                    + " is kept (set SipProxyHeader.Content-Type to change it); an empty body removes it. Set by the"
                    + " sdp component's edits.",
            javaType = "Object")
    public static final String BODY = "SipProxyBody";

    @Metadata(
            label = "producer",
            description = "proxy:relay input: names of headers removed from every response the relay sends"
                    + " upstream (comma-separated String or a List); SipProxyListeners still see them.",
            javaType = "Object")
    public static final String REMOVE_RESPONSE_HEADERS = "SipProxyRemoveResponseHeaders";

    @Metadata(
            label = "producer",
            description = "proxy:check output: true when the Request-URI's host is a local domain (a location"
                    + " lookup makes sense).",
            javaType = "Boolean")
    public static final String LOCAL_TARGET = "SipProxyLocalTarget";

    @Metadata(
            label = "producer",
            description = "proxy:check output: true when the From URI's host is a local domain (one of our users"
                    + " calls and must authenticate).",
            javaType = "Boolean")
    public static final String LOCAL_CALLER = "SipProxyLocalCaller";

    @Metadata(
            label = "producer",
            description = "proxy:relay input: milliseconds the caller's INVITE is held open even when every branch"
                    + " failed, for a branch still to come (proxy:branch, SipRelayHandle.addBranch: a pushed device"
                    + " waking up); replaces the endpoint's holdFor for one relay. With SipTargets set but empty the"
                    + " relay starts with no branch; the hold ends at proxy:branch (release=true), a CANCEL, a 2xx or"
                    + " the time, then the best response goes up (480 when no branch ever came). Removed by the relay"
                    + " that read it, so a failure route's serial relay is not held again.",
            javaType = "Long")
    public static final String HOLD_FOR = "SipProxyHoldFor";

    @Metadata(
            label = "producer",
            description = "proxy:branch input: the Call-ID of the running relay to add SipTargets to; absent: the"
                    + " relay of the exchange's own INVITE.",
            javaType = "String")
    public static final String CALL_ID = "SipProxyCallId";

    @Metadata(
            label = "producer",
            description = "proxy:branch output: what happened to the branch (a SipBranchResult name:"
                    + " ADDED, ANSWERED, CANCELLED, ENDED, NOT_FOUND, BAD_TARGET); with several targets ADDED when"
                    + " one was added, else the first refusal.",
            javaType = "String")
    public static final String BRANCH_RESULT = "SipProxyBranchResult";

    private SipProxyHeaders() {}
}
