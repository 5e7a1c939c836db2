package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipDialog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dialog state from messages (RFC 3261 12.1), and the ACK for a 2xx to an INVITE (13.2.2.4). */
final class Dialogs {

    private static final Logger LOG = LoggerFactory.getLogger(Dialogs.class);

    private Dialogs() {}

    static boolean createsDialog(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }

    /** UAS side of the dialog a request creates; {@code localTag} is the To tag of our responses. */
    static SipDialog uas(SIPRequest request, String localTag) {
        String contact = contactUri(request);
        String remote = request.getFrom().getAddress().getURI().toString();
        return new SipDialog(
                request.getCallId().getCallId(),
                request.getTo().getAddress().getURI().toString(),
                localTag,
                remote,
                request.getFrom().getTag(),
                contact != null ? contact : remote,
                values(request, "Record-Route", false),
                0);
    }

    /** UAC side of the dialog a 2xx response establishes for our request. */
    static SipDialog uac(SIPRequest request, SIPResponse response) {
        String contact = contactUri(response);
        return new SipDialog(
                response.getCallId().getCallId(),
                response.getFrom().getAddress().getURI().toString(),
                response.getFrom().getTag(),
                response.getTo().getAddress().getURI().toString(),
                response.getTo().getTag(),
                contact != null ? contact : request.getRequestURI().toString(),
                values(response, "Record-Route", true),
                response.getCSeq().getSeqNumber());
    }

    static String contactUri(SIPMessage m) {
        ContactHeader c = m.getContactHeader();
        if (c == null) {
            return null;
        }
        if (c.getAddress() == null || c.getAddress().getURI() == null) {
            return null;
        }
        return c.getAddress().getURI().toString();
    }

    static List<String> values(SIPMessage m, String header, boolean reversed) {
        ListIterator<SIPHeader> it = m.getHeaders(header);
        if (!it.hasNext()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>(4);
        while (it.hasNext()) {
            out.add(it.next().getHeaderValue().trim());
        }
        if (reversed) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * Sends the ACK for a 2xx to an INVITE, statelessly (the transaction layer does not ACK 2xx).
     * Called for the first 2xx and for every retransmission of it.
     *
     * @param cr the request the 2xx answers, null for a retransmission that arrived after the transaction ended
     */
    static void sendAck(SipConnector connector, SIPResponse response, ClientRequest cr) {
        try {
            String target = contactUri(response);
            if (target == null) {
                target = cr != null ? cr.request.getRequestURI().toString() : null;
            }
            if (target == null) {
                LOG.debug("2xx without Contact and no request: cannot ACK");
                return;
            }
            List<String> routes;
            if (cr != null && cr.dialog != null) {
                routes = cr.dialog.routeSet();
            } else {
                routes = values(response, "Record-Route", true);
            }
            URI requestUri = SipConnector.ADDRESS_FACTORY.createURI(target);
            String transport = Requests.transportFor(requestUri, routes, connector.config());
            SIPRequest ack = (SIPRequest) SipConnector.MESSAGE_FACTORY.createRequest(
                    requestUri,
                    Request.ACK,
                    (CallIdHeader) response.getCallId().clone(),
                    SipConnector.HEADER_FACTORY.createCSeqHeader(
                            response.getCSeq().getSeqNumber(), Request.ACK),
                    (FromHeader) response.getFrom().clone(),
                    (ToHeader) response.getTo().clone(),
                    List.of(Requests.via(connector.config(), transport, Requests.nextHopHost(requestUri, routes))),
                    SipConnector.HEADER_FACTORY.createMaxForwardsHeader(70));
            for (String r : routes) {
                ack.addHeader(SipConnector.HEADER_FACTORY.createHeader(RouteHeader.NAME, r));
            }
            connector.sendStateless(ack);
        } catch (Exception e) {
            LOG.debug("Could not send ACK for 2xx", e);
        }
    }
}
