package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import java.util.Set;
import javax.sip.address.Hop;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACK part of {@code proxy:relay}, stateless because an ACK has no transaction: an ACK for a 2xx carries our
 * Route (we Record-Routed the INVITE) and goes on end to end; an ACK without our Route acknowledges a non-2xx hop
 * by hop (the stack absorbed it in the INVITE server transaction) and ends here.
 */
final class ProxyAckRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyAckRelay.class);

    private ProxyAckRelay() {}

    /**
     * Forwards {@code ack} after the route's {@code edits} when it routes through us; the credentials for our realms
     * ({@code domains}; a 2xx ACK repeats those of its INVITE, RFC 3261 22.1) are consumed first.
     *
     * @return true when forwarded
     */
    static boolean relay(SipConnector connector, SIPRequest ack, ProxyEdits edits, Set<String> domains) {
        ConnectorConfig c = connector.config();
        SIPRequest copy = (SIPRequest) ack.clone();
        boolean strict = ProxyRouting.undoStrictRouting(c, copy);
        Hop flow = strict ? null : RelayedRequest.openFlow(connector, ProxyRouting.flowToken(c, copy), ack);
        if (!strict && !ProxyRouting.popOurRoute(c, copy)) {
            return false;
        }
        try {
            MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
            if (mf != null) {
                if (mf.getMaxForwards() <= 0) {
                    return false;
                }
                mf.decrementMaxForwards();
            }
            OwnCredentials.consume(copy, c, domains);
            edits.apply(copy);
            if (flow != null) {
                copy.setApplicationData(flow); // ConnectionRouter sends it over the flow
                copy.addFirst(Requests.via(c, "tcp", flow.getHost()));
            } else {
                List<String> routes = Dialogs.values(copy, RouteHeader.NAME, false);
                String transport = Requests.transportFor(copy.getRequestURI(), routes, c);
                copy.addFirst(Requests.via(c, transport, Requests.nextHopHost(copy.getRequestURI(), routes)));
            }
            connector.sendStateless(copy);
            return true;
        } catch (Exception e) {
            LOG.debug("Could not relay ACK", e);
            return false;
        }
    }
}
