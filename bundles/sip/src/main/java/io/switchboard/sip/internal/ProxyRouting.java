package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;

/**
 * The proxy's routing helpers (RFC 3261 16.4 and 16.6 step 4): is a URI this proxy, the Route preprocessing of a
 * request that reached us (strict router before us, our own top Route), and our Record-Route. "Us" is the
 * connector's address: its advertised host or listen host with its port.
 */
final class ProxyRouting {

    /** The parameter of a Record-Route that is one of two of ours (Kamailio's {@code r2=on}). */
    static final String R2 = "r2";

    private ProxyRouting() {}

    /** True when {@code r}'s top Route is us (the request follows a route set we are in). */
    static boolean topRouteIsUs(ConnectorConfig c, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        return it.hasNext() && isUs(c, ((RouteHeader) it.next()).getAddress().getURI());
    }

    /**
     * RFC 3261 16.4: a strict router before us (RFC 2543) put our Record-Route URI into the Request-URI and the
     * remote target last in Route; restore the Request-URI from that last Route. (A strict router after us is
     * the stack's job: its DefaultRouter rewrites the request when the next Route has no {@code lr}.)
     *
     * @return true when the request was strict-routed to us
     */
    static boolean undoStrictRouting(ConnectorConfig c, SIPRequest r) {
        RouteList routes = r.getRouteHeaders();
        if (routes == null || routes.isEmpty() || !isUs(c, r.getRequestURI())) {
            return false;
        }
        Route last = (Route) routes.getLast();
        r.setRequestURI(last.getAddress().getURI());
        routes.removeLast();
        if (routes.isEmpty()) {
            r.removeHeader(RouteHeader.NAME);
        }
        return true;
    }

    /**
     * RFC 3261 16.4: removes the top Route when it is us; when it carries {@code r2=on} (we record-routed twice,
     * once per side, see {@link #doubleRecordRoute}) the next Route, our other side, goes too.
     */
    static boolean popOurRoute(ConnectorConfig c, SIPRequest r) {
        RouteHeader top = topRoute(r);
        if (top == null || !isUs(c, top.getAddress().getURI())) {
            return false;
        }
        r.removeFirst(RouteHeader.NAME);
        RouteHeader next = topRoute(r);
        if (isDouble(top.getAddress().getURI())
                && next != null
                && isUs(c, next.getAddress().getURI())
                && isDouble(next.getAddress().getURI())) {
            r.removeFirst(RouteHeader.NAME);
        }
        if (r.getHeader(RouteHeader.NAME) == null) {
            r.removeHeader(RouteHeader.NAME);
        }
        return true;
    }

    /**
     * The flow token ({@link FlowTokens}) of our Route(s) on top of {@code r}, read before {@link #popOurRoute}: the
     * user part of our top Route, or of the next one when both are ours with {@code r2=on}; null when none.
     */
    static String flowToken(ConnectorConfig c, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        for (int i = 0; i < 2 && it.hasNext(); i++) {
            URI uri = ((RouteHeader) it.next()).getAddress().getURI();
            if (!isUs(c, uri)) {
                return null;
            }
            String user = ((SipURI) uri).getUser();
            if (user != null && !user.isEmpty()) {
                return user;
            }
            if (!isDouble(uri)) {
                return null;
            }
        }
        return null;
    }

    /**
     * Puts {@code token} as the user part of our Record-Route(s) on top of {@code branch} (one, or two with
     * {@code r2=on}), so that whichever of them a side's route set starts with brings it back.
     */
    static void setFlowToken(ConnectorConfig c, SIPRequest branch, String token) throws ParseException {
        ListIterator<SIPHeader> it = branch.getHeaders(RecordRouteHeader.NAME);
        for (int i = 0; i < 2 && it.hasNext(); i++) {
            URI uri = ((RecordRouteHeader) it.next()).getAddress().getURI();
            if (!isUs(c, uri)) {
                return;
            }
            ((SipURI) uri).setUser(token);
            if (!isDouble(uri)) {
                return;
            }
        }
    }

    private static RouteHeader topRoute(SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        return it.hasNext() ? (RouteHeader) it.next() : null;
    }

    private static boolean isDouble(URI uri) {
        return uri instanceof SipURI sip && "on".equalsIgnoreCase(sip.getParameter(R2));
    }

    /** A target URI as the route gave it: true when it is us (the proxy never relays to itself); false unparsable. */
    static boolean isUs(ConnectorConfig c, String uri) {
        try {
            return isUs(c, SipConnector.ADDRESS_FACTORY.createURI(uri));
        } catch (ParseException e) {
            return false;
        }
    }

    /** A SIP URI with our port (5060 when absent) and our advertised or listen host. */
    static boolean isUs(ConnectorConfig c, URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        int port = sip.getPort() <= 0 ? 5060 : sip.getPort();
        if (port != c.port()) {
            return false;
        }
        return c.isOurHost(sip.getHost());
    }

    /**
     * {@code Record-Route: <sip:HOST:port;lr>} for the side of {@code peer}: HOST is our address as that peer
     * reaches us, with {@code transport=tcp} when that side is TCP.
     */
    static RecordRouteHeader recordRoute(ConnectorConfig c, String transport, String peer) throws ParseException {
        SipURI uri = SipConnector.ADDRESS_FACTORY.createSipURI(null, c.advertisedFor(peer));
        uri.setPort(c.port());
        uri.setLrParam();
        if ("tcp".equalsIgnoreCase(transport)) {
            uri.setTransportParam("tcp");
        }
        return SipConnector.HEADER_FACTORY.createRecordRouteHeader(SipConnector.ADDRESS_FACTORY.createAddress(uri));
    }

    /**
     * Kamailio's double record-routing: when a branch leaves on another transport or from another address than
     * the request came on, one Record-Route is not enough (each side must reach us its own way). {@code branch}
     * carries our Record-Route of the incoming side on top; it gets {@code r2=on}, and on top of it goes ours for
     * the outgoing side, also {@code r2=on}. The callee's route set then starts with its side, the caller's (the
     * reverse) with its own; in-dialog requests pop both ({@link #popOurRoute}).
     *
     * @return true when two Record-Routes were needed
     */
    static boolean doubleRecordRoute(ConnectorConfig c, SIPRequest branch, String transport, String peer)
            throws ParseException, SipException {
        RecordRouteHeader incoming = (RecordRouteHeader) branch.getHeader(RecordRouteHeader.NAME);
        if (incoming == null || !(incoming.getAddress().getURI() instanceof SipURI in)) {
            return false;
        }
        String inTransport = in.getTransportParam() == null ? "udp" : in.getTransportParam();
        String outHost = c.advertisedFor(peer);
        if (inTransport.equalsIgnoreCase(transport) && in.getHost().equalsIgnoreCase(outHost)) {
            return false;
        }
        in.setParameter(R2, "on");
        RecordRouteHeader out = recordRoute(c, transport, peer);
        ((SipURI) out.getAddress().getURI()).setParameter(R2, "on");
        branch.addFirst(out);
        return true;
    }
}
