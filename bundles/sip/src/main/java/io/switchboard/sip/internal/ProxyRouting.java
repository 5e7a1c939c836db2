package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.Locale;
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

    /** RFC 3261 16.4: removes the top Route when it is us. */
    static boolean popOurRoute(ConnectorConfig c, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        if (!it.hasNext()) {
            return false;
        }
        RouteHeader top = (RouteHeader) it.next();
        if (!isUs(c, top.getAddress().getURI())) {
            return false;
        }
        r.removeFirst(RouteHeader.NAME);
        return true;
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
        String host = sip.getHost().toLowerCase(Locale.ROOT);
        return host.equals(c.advertisedHost().toLowerCase(Locale.ROOT))
                || host.equals(c.host().toLowerCase(Locale.ROOT));
    }

    /** {@code Record-Route: <sip:advertisedHost:port;lr>}, with {@code transport=tcp} when the request came on TCP. */
    static RecordRouteHeader recordRoute(ConnectorConfig c, String transport) throws ParseException {
        SipURI uri = SipConnector.ADDRESS_FACTORY.createSipURI(null, c.advertisedHost());
        uri.setPort(c.port());
        uri.setLrParam();
        if ("tcp".equalsIgnoreCase(transport)) {
            uri.setTransportParam("tcp");
        }
        return SipConnector.HEADER_FACTORY.createRecordRouteHeader(SipConnector.ADDRESS_FACTORY.createAddress(uri));
    }
}
