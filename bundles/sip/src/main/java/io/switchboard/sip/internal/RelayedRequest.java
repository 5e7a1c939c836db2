package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sip.address.Hop;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * The request every branch of a relay copies, with the targets it goes to: the part of RFC 3261 16.6 that is the
 * same for every target (copy, 16.4 Route preprocessing or the removal of a new request's preloaded Routes,
 * our realms' credentials consumed, the route's edits, Max-Forwards, Record-Route), done once
 * per relay; each branch then only sets its Request-URI, our Via and, when it leaves on another transport or
 * address, our second Record-Route. Kept out of {@link ProxyRelay}, which is the
 * response context, so that what leaves and what comes back are read apart.
 *
 * @param base    the request to copy per branch; null when refused
 * @param targets the Request-URIs of the branches, never us; null when refused
 * @param refusal why the request cannot be relayed (the answer to send), or null
 * @param flow    an in-dialog request's open connection its flow token names ({@link FlowTokens}), or null
 * @param caller  a new INVITE/SUBSCRIBE's TCP connection to the caller, for the flow token of each branch, or null
 */
record RelayedRequest(
        SIPRequest base, List<String> targets, ProxyChecks.Refusal refusal, Hop flow, FlowTokens.Flow caller) {

    /** True for a new INVITE/SUBSCRIBE: it carries our Record-Route, which may get a flow token per branch. */
    boolean recordRouted() {
        return base != null && base.getTo().getTag() == null && base.getHeader(RecordRouteHeader.NAME) != null;
    }

    private static RelayedRequest refused(int status, String reason) {
        return new RelayedRequest(null, null, new ProxyChecks.Refusal(status, reason), null, null);
    }

    /**
     * Builds the base request of {@code server}'s request, which passed {@link ProxyChecks}. A new request (no To
     * tag) loses every Route ({@link PreloadedRoutes}: it follows no route its sender preloaded; the check refused
     * it already when they are refused); an in-dialog one is loose-routed (16.4). Credentials for our realms
     * ({@code domains}) are consumed ({@link OwnCredentials}) before the route's edits, which may still put some.
     * The route's {@code targets} apply to a new request; otherwise, and when there are none, the Request-URI is the
     * one target. Targets that are us are dropped (the proxy never relays to itself). With {@code noTargets} a new
     * INVITE starts with no branch at all (a held relay whose branches come later, {@code proxy:relay?holdFor=}).
     */
    static RelayedRequest prepare(
            ServerContext server, List<String> targets, ProxyEdits edits, Set<String> domains, boolean noTargets) {
        ConnectorConfig c = server.connector.config();
        SIPRequest request = server.request;
        String method = request.getMethod();
        MaxForwardsHeader mf = request.getMaxForwards();
        SIPRequest base = (SIPRequest) request.clone();
        boolean inDialog = request.getTo().getTag() != null;
        Hop flow = null;
        if (inDialog) {
            ProxyRouting.undoStrictRouting(c, base);
            flow = openFlow(server.connector, ProxyRouting.flowToken(c, base), request);
            ProxyRouting.popOurRoute(c, base);
        } else {
            PreloadedRoutes.remove(base);
        }
        boolean hasRoute = base.getHeader(RouteHeader.NAME) != null;
        OwnCredentials.consume(base, c, domains);
        try {
            edits.apply(base);
        } catch (Exception e) {
            return refused(500, "Bad header edit");
        }
        try {
            if (mf == null) {
                base.setHeader(SipConnector.HEADER_FACTORY.createMaxForwardsHeader(69));
            } else {
                ((MaxForwardsHeader) base.getHeader(MaxForwardsHeader.NAME)).decrementMaxForwards();
            }
        } catch (Exception e) {
            return refused(400, "Bad Max-Forwards");
        }
        List<String> uris = new ArrayList<>();
        boolean none = noTargets && !inDialog && !hasRoute && Request.INVITE.equals(method);
        if (!none && !inDialog && !hasRoute && targets != null && !targets.isEmpty()) {
            uris.addAll(targets);
        } else if (!none) { // none: the branches come later (SipRelayHandle.addBranch)
            uris.add(base.getRequestURI().toString());
        }
        if (!hasRoute) {
            uris.removeIf(uri -> ProxyRouting.isUs(c, uri));
            if (uris.isEmpty() && !none) {
                return refused(inDialog ? 481 : 404, inDialog ? null : "Not Found (no target)");
            }
        }
        FlowTokens.Flow caller = null;
        if (!inDialog && (Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method))) {
            try {
                base.addFirst(ProxyRouting.recordRoute(
                        c, HeaderMapping.transport(request.getTopmostVia()), server.sourceHost()));
            } catch (Exception e) {
                return refused(500, "Cannot add Record-Route");
            }
            caller = callerFlow(request);
        }
        return new RelayedRequest(base, uris, null, flow, caller);
    }

    /**
     * The connection the flow {@code token} names for {@code request}'s direction while the stack has it open (the
     * request then goes over it whatever its Request-URI or next Route says); null otherwise.
     */
    static Hop openFlow(SipConnector connector, String token, SIPRequest request) {
        if (token == null) {
            return null;
        }
        FlowTokens.Flow f = connector.flowTokens.target(token, request);
        return f != null && connector.connectionOpen("tcp", f.host(), f.port()) ? f.hop() : null;
    }

    /**
     * The TCP connection a dialog-creating request came on when it came straight from the caller's phone (one Via:
     * behind another proxy the connection leads to that proxy, and in-dialog requests may not pass it).
     */
    private static FlowTokens.Flow callerFlow(SIPRequest request) {
        if (!"tcp".equalsIgnoreCase(HeaderMapping.transport(request.getTopmostVia()))
                || request.getViaHeaders().size() != 1) {
            return null;
        }
        if (request.getPeerPacketSourceAddress() != null) {
            return new FlowTokens.Flow(
                    request.getPeerPacketSourceAddress().getHostAddress(), request.getPeerPacketSourcePort());
        }
        return request.getRemoteAddress() == null
                ? null
                : new FlowTokens.Flow(request.getRemoteAddress().getHostAddress(), request.getRemotePort());
    }
}
