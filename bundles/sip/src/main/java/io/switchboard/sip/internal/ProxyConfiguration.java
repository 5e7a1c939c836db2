package io.switchboard.sip.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of one {@code proxy:} endpoint, {@code proxy:action[?options]}. The settings shared by every endpoint
 * (local domains, supported option tags) are the component's, from Config Admin ({@link ProxyConfig}).
 */
@UriParams
public class ProxyConfiguration {

    static final String RELAY = "relay";
    static final String CHECK = "check";
    static final String BRANCH = "branch";

    @UriPath(
            enums = "relay,check,branch",
            description = "relay: relay the request of the sip consumer exchange statefully"
                    + " (RFC 3261 16); check: only run the checks of the relay (483, 420, 403) and the "
                    + "local-domain tests; branch: add SipTargets as branches of a running INVITE relay")
    @Metadata(required = true)
    private String action;

    @UriParam(
            label = "producer",
            description = "relay only: endpoint that gets the exchange when every branch failed"
                    + " (headers SipProxyStatus/SipProxyReason); it may set SipTargets and call proxy:relay again, or "
                    + "answer"
                    + " through SipStatus; when it does neither, the best response is sent")
    private String failureRoute;

    @UriParam(
            label = "producer",
            description = "relay only: endpoint (a direct: route, Kamailio's onreply_route) that gets every response"
                    + " the relay sends upstream (provisional, 2xx, the best failure) in an exchange of its own"
                    + " (SipStatus, SipMessage, the body), before it leaves; the route edits it with the headers of"
                    + " proxy:relay's input (SipProxyRemoveHeaders, SipProxyRemoveValue.*, SipProxyHeader.*,"
                    + " SipProxyAddHeader.*, SipProxyBody). Runs on the SIP stack's thread: keep it short. A failing"
                    + " route leaves the response unchanged.")
    private String onReply;

    @UriParam(
            label = "producer",
            defaultValue = "120000",
            description = "relay only: milliseconds an INVITE branch may ring before it is CANCELled and counts as 408;"
                    + " header SipProxyInviteTimeout overrides it for one relay")
    private long inviteTimeout = 120_000;

    @UriParam(
            label = "producer",
            defaultValue = "32000",
            description = "relay only: milliseconds a non-INVITE branch"
                    + " may take to its final response before it counts as 408")
    private long timeout = 32_000;

    @UriParam(
            label = "producer",
            defaultValue = "0",
            description = "relay only: milliseconds a new INVITE is held open for a branch still to come"
                    + " (proxy:branch): while held, a relay whose branches all failed sends no final response;"
                    + " header SipProxyHoldFor overrides it; 0: no hold")
    private long holdFor;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "branch only: end the relay's holds once the branch is added (the branch that was waited"
                    + " for is here)")
    private boolean release = true;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "branch only: CANCEL every other pending branch of the relay in the same step (pickup)")
    private boolean cancelOthers;

    public String getAction() {
        return action;
    }

    /**
     * @throws IllegalArgumentException for anything but {@code relay} and {@code check}, so that a typo in a route
     *                                  file fails when the route starts, not on the first call
     */
    public void setAction(String action) {
        if (!RELAY.equals(action) && !CHECK.equals(action) && !BRANCH.equals(action)) {
            throw new IllegalArgumentException(
                    "Unknown proxy endpoint '" + action + "': use proxy:relay, proxy:check or proxy:branch");
        }
        this.action = action;
    }

    public String getFailureRoute() {
        return failureRoute;
    }

    public void setFailureRoute(String failureRoute) {
        this.failureRoute = failureRoute;
    }

    public String getOnReply() {
        return onReply;
    }

    public void setOnReply(String onReply) {
        this.onReply = onReply;
    }

    public long getInviteTimeout() {
        return inviteTimeout;
    }

    public void setInviteTimeout(long inviteTimeout) {
        this.inviteTimeout = inviteTimeout;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public long getHoldFor() {
        return holdFor;
    }

    public void setHoldFor(long holdFor) {
        this.holdFor = holdFor;
    }

    public boolean isRelease() {
        return release;
    }

    public void setRelease(boolean release) {
        this.release = release;
    }

    public boolean isCancelOthers() {
        return cancelOthers;
    }

    public void setCancelOthers(boolean cancelOthers) {
        this.cancelOthers = cancelOthers;
    }
}
