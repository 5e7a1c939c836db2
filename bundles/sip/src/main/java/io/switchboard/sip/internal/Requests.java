package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Via;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;

/** Helpers for requests we originate. */
final class Requests {

    private Requests() {}

    /**
     * Transport of the next hop: the {@code transport} parameter of the first Route (loose routing)
     * or else of the Request-URI; UDP when there is none (RFC 3263 without DNS).
     *
     * @throws IllegalArgumentException when the connector does not listen on that transport
     */
    static String transportFor(URI requestUri, List<String> routes, ConnectorConfig config) throws ParseException {
        URI next = requestUri;
        if (routes != null && !routes.isEmpty()) {
            RouteHeader first = (RouteHeader) SipConnector.HEADER_FACTORY.createHeader(RouteHeader.NAME, routes.get(0));
            next = first.getAddress().getURI();
        }
        String transport = "udp";
        if (next instanceof SipURI sip) {
            if (sip.isSecure()) {
                throw new IllegalArgumentException("sips: targets (TLS) are not supported: " + next);
            }
            String t = sip.getTransportParam();
            if (t != null) {
                transport = t.toLowerCase(Locale.ROOT);
            }
        }
        if (!config.transports().contains(transport)) {
            throw new IllegalArgumentException("Connector " + config.address() + " does not listen on " + transport
                    + " (needed to reach " + next + ")");
        }
        return transport;
    }

    /** The host of the next hop: of the first Route (loose routing), else of the Request-URI; null when not SIP. */
    static String nextHopHost(URI requestUri, List<String> routes) throws ParseException {
        URI next = requestUri;
        if (routes != null && !routes.isEmpty()) {
            next = ((RouteHeader) SipConnector.HEADER_FACTORY.createHeader(RouteHeader.NAME, routes.get(0)))
                    .getAddress()
                    .getURI();
        }
        return next instanceof SipURI sip ? sip.getHost() : null;
    }

    /** Our Via for a new request to {@code peer} (next hop host): advertised host and port, a fresh branch, rport. */
    static ViaHeader via(ConnectorConfig config, String transport, String peer) throws ParseException {
        try {
            ViaHeader via = SipConnector.HEADER_FACTORY.createViaHeader(
                    config.advertisedFor(peer), config.port(), transport.toUpperCase(Locale.ROOT), Tags.newBranch());
            ((Via) via).setRPort();
            return via;
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }
}
