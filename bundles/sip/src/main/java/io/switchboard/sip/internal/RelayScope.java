package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Set;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Which requests the proxy relays at all: no relay beyond what the routes allow (README "Security"). The rules are
 * Kamailio's stock configuration ({@code route[WITHINDLG]}, {@code remove_hf("Route")}, "Not relaying"):
 * <ul>
 * <li>a new request (no To tag) with a foreign From and a foreign Request-URI gets {@code 403 Forbidden (relaying
 * denied)}, whatever Route it carries: its Routes are preloaded by the sender and are removed before relaying
 * ({@link PreloadedRoutes#REMOVE}), or refuse it ({@link PreloadedRoutes#REFUSE}: {@code 403 Forbidden (preloaded
 * Route)} when one is not us);</li>
 * <li>an in-dialog request (To tag) routes through us when its top Route is us (we Record-Routed its dialog), its
 * Request-URI is us (a strict router before us), or it has no Route and a local Request-URI; any other gets
 * {@code 404 Not here} unless a {@link TrackedDialogs dialog directory} tracks its dialog. A made-up To tag thus
 * no longer opens a relay to any host.</li>
 * </ul>
 * ACK has no transaction and is {@link ProxyAckRelay}'s (only an ACK with our Route goes on); CANCEL never reaches
 * here (matched to its INVITE or 481).
 *
 * @param domains   the local domains (lower case); the connector's advertised host is always local
 * @param preloaded what a Route on a new request gets
 * @param dialogs   the dialog directories bound to the proxy component
 */
record RelayScope(Set<String> domains, PreloadedRoutes preloaded, TrackedDialogs dialogs) {

    static final String NOT_HERE = "Not here";

    /** The refusal of {@code request}, received on connector {@code c}, when the proxy must not relay it; or null. */
    ProxyChecks.Refusal check(ConnectorConfig c, SIPRequest request) {
        if (request.getTo().getTag() == null) {
            if (preloaded == PreloadedRoutes.REFUSE && PreloadedRoutes.foreign(c, request)) {
                return new ProxyChecks.Refusal(403, "Forbidden (preloaded Route)");
            }
            if (!ProxyChecks.isLocal(c, domains, request.getFrom().getAddress().getURI())
                    && !ProxyChecks.isLocal(c, domains, request.getRequestURI())) {
                return new ProxyChecks.Refusal(403, "Forbidden (relaying denied)");
            }
            return null;
        }
        String callId = request.getCallId().getCallId();
        if (Request.ACK.equals(request.getMethod())
                || routesThroughUs(c, request)
                || dialogs.tracks(
                        callId, request.getFrom().getTag(), request.getTo().getTag())) {
            return null;
        }
        return new ProxyChecks.Refusal(404, NOT_HERE);
    }

    /** Top Route us, Request-URI us (strict router before us), or no Route and a local Request-URI. */
    boolean routesThroughUs(ConnectorConfig c, SIPRequest request) {
        if (ProxyRouting.topRouteIsUs(c, request) || ProxyRouting.isUs(c, request.getRequestURI())) {
            return true;
        }
        return request.getHeader(RouteHeader.NAME) == null && ProxyChecks.isLocal(c, domains, request.getRequestURI());
    }
}
