package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends a request from the endpoint's connector in a JAIN-SIP client transaction and completes the
 * exchange, without blocking any thread, when the final response arrives (or with a locally generated
 * 408 on timeout, 503 on a transport error).
 */
public final class SipProducer extends DefaultAsyncProducer {

    private final SipEndpoint endpoint;
    private SipConnector connector;

    SipProducer(SipEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connector = endpoint.getComponent().acquire(endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        SipConnector c = connector;
        connector = null;
        if (c != null) {
            endpoint.getComponent().release(c);
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        SipConnector c = connector;
        Message m = exchange.getMessage();
        SIPRequest request;
        SipDialog dialog;
        try {
            if (c == null) {
                throw new IllegalStateException("SIP producer " + endpoint.getEndpointUri() + " is not started");
            }
            dialog = endpoint.isInDialog() ? dialogOf(m) : null;
            request = build(c, m, dialog);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        try {
            c.send(
                    request,
                    endpoint.getTimeout(),
                    (response, status, reason) -> {
                        try {
                            fill(m, request, dialog, response, status, reason);
                        } catch (RuntimeException e) {
                            exchange.setException(e);
                        } finally {
                            callback.done(false);
                        }
                    },
                    dialog);
            return false;
        } catch (ClientRequest.TransportFailure e) {
            fill(m, request, dialog, null, 503, "Service Unavailable");
            callback.done(true);
            return true;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private static SipDialog dialogOf(Message m) {
        Object value = m.getHeader(SipHeaders.DIALOG);
        if (value == null) {
            return null;
        }
        if (value instanceof SipDialog d) {
            return d;
        }
        if (value instanceof String s) {
            SipDialog d = SipDialog.parse(s);
            m.setHeader(SipHeaders.DIALOG, d);
            return d;
        }
        throw new IllegalArgumentException(
                "Header " + SipHeaders.DIALOG + " must be a SipDialog or its serialized text, not "
                        + value.getClass().getName());
    }

    private SIPRequest build(SipConnector c, Message m, SipDialog dialog)
            throws ParseException, InvalidArgumentException {
        ConnectorConfig config = c.config();
        String method =
                endpoint.getMethod() != null ? endpoint.getMethod() : m.getHeader(SipHeaders.METHOD, String.class);
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("No SIP method: set option 'method' or header " + SipHeaders.METHOD);
        }
        if (Request.ACK.equals(method)) {
            throw new IllegalArgumentException(
                    "ACK is not sent by the producer: the component ACKs 2xx responses itself");
        }
        URI requestUri;
        FromHeader from;
        ToHeader to;
        CallIdHeader callId;
        long cseq;
        List<String> routes;
        if (dialog != null) {
            requestUri = SipConnector.ADDRESS_FACTORY.createURI(dialog.remoteTarget());
            from = SipConnector.HEADER_FACTORY.createFromHeader(
                    SipConnector.ADDRESS_FACTORY.createAddress(
                            SipConnector.ADDRESS_FACTORY.createURI(dialog.localUri())),
                    dialog.localTag());
            to = SipConnector.HEADER_FACTORY.createToHeader(
                    SipConnector.ADDRESS_FACTORY.createAddress(
                            SipConnector.ADDRESS_FACTORY.createURI(dialog.remoteUri())),
                    dialog.remoteTag());
            callId = SipConnector.HEADER_FACTORY.createCallIdHeader(dialog.callId());
            cseq = dialog.nextCSeq();
            routes = dialog.routeSet();
        } else {
            String ruri = endpoint.getRequestUri() != null
                    ? endpoint.getRequestUri()
                    : m.getHeader(SipHeaders.REQUEST_URI, String.class);
            if (ruri == null || ruri.isBlank()) {
                throw new IllegalArgumentException(
                        "No Request-URI: set option 'requestUri' or header " + SipHeaders.REQUEST_URI);
            }
            requestUri = SipConnector.ADDRESS_FACTORY.createURI(ruri.trim());
            String f = endpoint.getFrom() != null ? endpoint.getFrom() : m.getHeader(SipHeaders.FROM_URI, String.class);
            if (f == null || f.isBlank()) {
                f = "sip:switchboard@"
                        + (config.advertisedHost().indexOf(':') >= 0
                                ? "[" + config.advertisedHost() + "]"
                                : config.advertisedHost());
            }
            from = (FromHeader) parseAddressHeader(FromHeader.NAME, f);
            if (from.getTag() == null) {
                from.setTag(Tags.newTag());
            }
            String t = endpoint.getTo() != null ? endpoint.getTo() : m.getHeader(SipHeaders.TO_URI, String.class);
            to = (ToHeader) parseAddressHeader(ToHeader.NAME, t == null || t.isBlank() ? ruri.trim() : t);
            callId = c.provider().getNewCallId();
            cseq = 1;
            routes = Collections.emptyList();
        }
        String transport = Requests.transportFor(requestUri, routes, config);
        List<ViaHeader> vias = new ArrayList<>(1);
        String peer = Requests.nextHopHost(requestUri, routes);
        vias.add(Requests.via(config, transport, peer));
        CSeqHeader cseqHeader = SipConnector.HEADER_FACTORY.createCSeqHeader(cseq, method);
        SIPRequest request = (SIPRequest) SipConnector.MESSAGE_FACTORY.createRequest(
                requestUri,
                method,
                callId,
                cseqHeader,
                from,
                to,
                vias,
                SipConnector.HEADER_FACTORY.createMaxForwardsHeader(70));
        for (String r : routes) {
            request.addHeader((RouteHeader) SipConnector.HEADER_FACTORY.createHeader(RouteHeader.NAME, r));
        }
        HeaderMapping.addCamelHeaders(request, m.getHeaders());
        if (request.getContactHeader() == null && wantsContact(method, dialog != null)) {
            ContactHeader contact = c.contactFor(transport, peer);
            request.setHeader(contact);
        }
        String contentType = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        if (contentType != null) {
            byte[] body = m.getBody(byte[].class);
            if (body != null && body.length > 0) {
                request.setContent(body, (ContentTypeHeader)
                        SipConnector.HEADER_FACTORY.createHeader(ContentTypeHeader.NAME, contentType));
            }
        }
        return request;
    }

    /**
     * Requests that carry our Contact (the target for the peer's requests): dialog-creating and
     * target-refresh methods, and every in-dialog request except BYE and CANCEL (RFC 3261 table 3).
     */
    private static boolean wantsContact(String method, boolean inDialog) {
        return switch (method) {
            case Request.INVITE, Request.SUBSCRIBE, Request.REFER, Request.NOTIFY, Request.UPDATE -> true;
            case Request.BYE, Request.CANCEL -> false;
            default -> inDialog;
        };
    }

    /** From/To from {@code sip:u@h}, {@code <sip:u@h;p>;tag=x} or {@code "Name" <sip:u@h>}. */
    private static Header parseAddressHeader(String name, String value) throws ParseException {
        String v = value.trim();
        if (v.indexOf('<') < 0 && !v.contains(";tag=")) {
            v = "<" + v + ">";
        }
        return SipConnector.HEADER_FACTORY.createHeader(name, v);
    }

    /** Puts the outcome on the exchange's message. */
    private static void fill(
            Message m, SIPRequest request, SipDialog dialog, SIPResponse response, int status, String reason) {
        if (response != null) {
            HeaderMapping.populate(m, response, true);
            m.setHeader(SipHeaders.REQUEST_URI, request.getRequestURI().toString());
            if (status >= 200 && status < 300 && dialog == null && Dialogs.createsDialog(request.getMethod())) {
                m.setHeader(SipHeaders.DIALOG, Dialogs.uac(request, response));
            }
        } else {
            m.setHeader(SipHeaders.METHOD, request.getMethod());
            m.setHeader(SipHeaders.REQUEST_URI, request.getRequestURI().toString());
            m.setHeader(SipHeaders.CALL_ID, request.getCallId().getCallId());
            m.setHeader(SipHeaders.CSEQ, request.getCSeq().getSeqNumber());
            m.setHeader(SipHeaders.STATUS, status);
            m.setHeader(SipHeaders.REASON, reason);
            m.removeHeader(SipHeaders.MESSAGE);
            m.setBody(null);
        }
    }
}
