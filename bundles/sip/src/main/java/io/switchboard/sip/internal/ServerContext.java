package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import javax.sip.InvalidArgumentException;
import javax.sip.ObjectInUseException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incoming request and its server transaction: builds and sends its responses. The To tag is
 * generated once and used in every response but 100. A 2xx to an INVITE is retransmitted until the
 * ACK arrives (T1 doubling up to T2, for at most 64*T1): the INVITE server transaction ends with the
 * 2xx, and without a JAIN-SIP Dialog this is the UAS core's job (RFC 3261 13.3.1.4).
 */
public final class ServerContext implements SipServerExchange {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);
    static final long T1 = 500;
    /** Seconds a client waits before retrying a request that found no route (RFC 3261 20.33). */
    private static final String RETRY_AFTER_NO_ROUTE = "1";

    static final long T2 = 4000;
    /** 64*T1: how long a 2xx to an INVITE is retransmitted without ACK. */
    static final long MAX_2XX_RETRANSMIT_MILLIS = 64 * T1;

    /**
     * Whoever relays this request downstream (the proxy), told what happens to it upstream. An interface of the
     * transport that the proxy implements, so that the connector does not depend on the proxy.
     */
    interface Relay {
        /** A final response was sent on this request's transaction by the route or the component, not relayed. */
        void answeredLocally(SIPResponse response);

        /**
         * The caller CANCELled this INVITE (the CANCEL is answered 200): CANCEL the branches and answer the INVITE
         * once they ended (RFC 3261 16.10), unless it was answered already.
         */
        void cancelledByCaller(SIPRequest cancel);
    }

    final SipConnector connector;
    /** Null for a request answered statelessly ({@link ConnectorConfig#answersStatelessly}). */
    private final ServerTransaction transaction;
    /** The relay of this request, null when it is not relayed. */
    volatile Relay relay;

    final SIPRequest request;
    private final String requestToTag;
    private String toTag;
    private volatile boolean finalSent;
    private SIPResponse last2xx;
    private long first2xxAt;
    private long retransmitInterval;
    private SipMessageAdapter adapter;

    ServerContext(SipConnector connector, ServerTransaction transaction, SIPRequest request) {
        this.connector = connector;
        this.transaction = transaction;
        this.request = request;
        this.requestToTag = request.getTo().getTag();
    }

    @Override
    public synchronized SipMessage request() {
        if (adapter == null) {
            adapter = new SipMessageAdapter(request);
        }
        return adapter;
    }

    @Override
    public synchronized String localTag() {
        if (requestToTag != null) {
            return requestToTag;
        }
        if (toTag == null) {
            toTag = Tags.newTag();
        }
        return toTag;
    }

    @Override
    public boolean finalResponseSent() {
        return finalSent;
    }

    /** The address this request came from (packet source), for the address we advertise to it; null unknown. */
    String sourceHost() {
        if (request.getPeerPacketSourceAddress() != null) {
            return request.getPeerPacketSourceAddress().getHostAddress();
        }
        return request.getRemoteAddress() == null
                ? null
                : request.getRemoteAddress().getHostAddress();
    }

    /** True for a request that creates a dialog: INVITE, SUBSCRIBE or REFER without a To tag. */
    boolean createsDialog() {
        return requestToTag == null && Dialogs.createsDialog(request.getMethod());
    }

    /** The UAS side of the dialog this request creates. */
    SipDialog uasDialog() {
        return Dialogs.uas(request, localTag());
    }

    @Override
    public void respond(int status, String reason, Map<String, List<String>> headers, String contentType, byte[] body) {
        try {
            send(status, reason, headers, null, contentType, body, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Invalid SIP response header: " + e.getMessage(), e);
        }
    }

    /** Sends a response described by a Camel message ({@code SipHeader.*}, {@code SipReplyContentType} + body). */
    void respondFromMessage(int status, String reason, Message m) throws ParseException {
        String contentType = m.getHeader(SipHeaders.REPLY_CONTENT_TYPE, String.class);
        byte[] body = contentType == null ? null : m.getBody(byte[].class);
        send(status, reason, null, m.getHeaders(), contentType, body, null);
    }

    /** Sends a response with a {@code Warning: 399 <host> "<text>"} header. */
    void respondWithWarning(int status, String reason, String warning) {
        respondWithWarning(status, reason, warning, null);
    }

    /** {@code 503 Service Unavailable} with {@code Retry-After} (RFC 3261 21.5.4) and a Warning saying why. */
    void respondUnavailable(String warning, int retryAfterSeconds) {
        respondWithWarning(
                503,
                "Service Unavailable",
                warning,
                Map.of("Retry-After", List.of(Integer.toString(retryAfterSeconds))));
    }

    private void respondWithWarning(int status, String reason, String warning, Map<String, List<String>> headers) {
        try {
            send(status, reason, headers, null, null, null, warning);
        } catch (Exception e) {
            LOG.debug("Could not send {} response", status, e);
        }
    }

    /**
     * Called when the route of this request's exchange has ended: sends the final response unless
     * one was sent already or someone else will ({@link SipHeaders#REPLY_DEFERRED}).
     */
    void routeCompleted(Exchange exchange, int defaultStatus) {
        if (finalSent) {
            return;
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            if (noRoute(failure)) {
                // a route that is gone (a route file deleted, or being swapped past the handover wait): try again soon
                respondWithWarning(
                        503,
                        "Service Unavailable",
                        noRouteWarning(failure),
                        Map.of("Retry-After", List.of(RETRY_AFTER_NO_ROUTE)));
            } else {
                respondWithWarning(500, null, describe(failure));
            }
            return;
        }
        if (exchange.getProperty(SipHeaders.REPLY_DEFERRED, false, Boolean.class)) {
            return;
        }
        Message m = exchange.getMessage();
        Integer status;
        try {
            status = m.getHeader(SipHeaders.STATUS, Integer.class);
        } catch (RuntimeException e) {
            respondWithWarning(500, null, "bad " + SipHeaders.STATUS + ": " + m.getHeader(SipHeaders.STATUS));
            return;
        }
        if (status == null) {
            respondWithWarning(defaultStatus, null, "route ended without a reply");
            return;
        }
        if (status < 200 || status > 699) {
            respondWithWarning(
                    500, null, "route ended with " + SipHeaders.STATUS + " " + status + ", not a final status");
            return;
        }
        try {
            respondFromMessage(status, m.getHeader(SipHeaders.REASON, String.class), m);
        } catch (Exception e) {
            if (!finalSent) {
                respondWithWarning(500, null, "cannot send " + status + ": " + describe(e));
            }
        }
    }

    /** Camel's message names the endpoint, then the exchange: the endpoint is what an operator needs. */
    private static String noRouteWarning(Throwable failure) {
        String text = describe(failure);
        int exchange = text.indexOf(". Exchange[");
        return exchange < 0 ? text : text.substring(0, exchange);
    }

    /** True when the route sent the request to an in-memory endpoint that has no consumer. */
    private static boolean noRoute(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DirectConsumerNotAvailableException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private synchronized void send(
            int status,
            String reason,
            Map<String, List<String>> headers,
            Map<String, Object> camelHeaders,
            String contentType,
            byte[] body,
            String warning)
            throws ParseException {
        if (finalSent) {
            throw new IllegalStateException("A final response was already sent for " + request.getMethod() + " "
                    + request.getCallId().getCallId());
        }
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("Invalid SIP status " + status);
        }
        SIPResponse response = request.createResponse(status, reason);
        if (status != 100 && requestToTag == null) {
            response.getTo().setTag(localTag());
        }
        if (camelHeaders != null) {
            HeaderMapping.addCamelHeaders(response, camelHeaders);
        }
        HeaderMapping.addHeaders(response, headers);
        if (warning != null) {
            try {
                response.addHeader(SipConnector.HEADER_FACTORY.createWarningHeader(
                        connector.config().advertisedHost(), 399, sanitize(warning)));
            } catch (InvalidArgumentException e) {
                throw new ParseException(e.getMessage(), 0);
            }
        }
        String method = request.getMethod();
        if (status > 100 && status < 300 && Dialogs.createsDialog(method) && response.getContactHeader() == null) {
            ContactHeader contact =
                    connector.contactFor(HeaderMapping.transport(request.getTopmostVia()), sourceHost());
            response.setHeader(contact);
        }
        if (status >= 200
                && status < 300
                && Request.SUBSCRIBE.equals(method)
                && response.getHeader(ExpiresHeader.NAME) == null) {
            Header expires = request.getHeader(ExpiresHeader.NAME);
            if (expires != null) {
                response.setHeader((Header) expires.clone());
            }
        }
        if (contentType != null && body != null && body.length > 0) {
            response.setContent(body, (ContentTypeHeader)
                    SipConnector.HEADER_FACTORY.createHeader(ContentTypeHeader.NAME, contentType));
        }
        boolean invite2xx = status >= 200 && status < 300 && Request.INVITE.equals(method);
        if (invite2xx) {
            // wait for the ACK before the 2xx leaves: on loopback the ACK can arrive (and find nothing waiting for it)
            // before the line after sendResponse, and the 2xx was then retransmitted for 64*T1 although ACKed
            last2xx = response;
            first2xxAt = System.currentTimeMillis();
            retransmitInterval = T1;
            connector.awaitAck(this, T1);
        }
        try {
            send(response);
        } catch (SipException | InvalidArgumentException e) {
            if (invite2xx) {
                last2xx = null; // the retransmission timer stops and forgets the key
            }
            throw new IllegalStateException("Cannot send " + status + ": " + e.getMessage(), e);
        }
        connector.responsesSent.increment();
        connector.traffic.sent(response);
        if (status >= 200) {
            finalSent = true;
            // nothing more to do with the transaction: let it (it lingers up to waitTimer) forget us and the request
            forgetTransaction();
            Relay r = relay;
            if (r != null) {
                r.answeredLocally(
                        response); // a relayed request answered by the route or the component (487 after CANCEL)
            }
        }
    }

    /**
     * {@code sip:drop}: the request gets no answer at all (Kamailio's {@code drop}), for a sender that should not
     * learn a SIP server is here (a scanner). Its transaction is ended at once, so retransmissions are new requests
     * that the route drops again, and the route's end sends nothing. Counted as {@code dropped} in {@code sip:status}.
     */
    synchronized void drop() {
        if (finalSent) {
            throw new IllegalStateException("sip:drop after a final response was sent");
        }
        if (relay != null) {
            throw new IllegalStateException("sip:drop of a request being relayed");
        }
        finalSent = true;
        if (transaction != null) {
            transaction.setApplicationData(null);
            try {
                transaction.terminate();
            } catch (ObjectInUseException | RuntimeException e) {
                LOG.debug("Could not end the transaction of a dropped request", e);
            }
        }
        connector.dropped.increment();
    }

    /**
     * Proxy: sends a response received from downstream (our Via already removed) upstream. The first final
     * response goes on the server transaction; further 2xx (forked INVITE) go statelessly (RFC 3261 16.7
     * step 5). A relayed 2xx is not retransmitted by us: the UAS retransmits it and we forward each copy.
     *
     * @return false when it could not be sent (a final response was already sent and this is not a 2xx)
     */
    synchronized boolean forward(SIPResponse response) {
        int status = response.getStatusCode();
        try {
            if (finalSent) {
                if (status >= 200 && status < 300) {
                    connector.sendStateless(response);
                    return true;
                }
                return false;
            }
            send(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("Could not forward {} upstream", status, e);
            return false;
        }
        connector.responsesSent.increment();
        connector.traffic.sent(response);
        if (status >= 200) {
            finalSent = true;
            forgetTransaction();
        }
        return true;
    }

    /** On the server transaction, or without one (a stateless request: the RI sends it by the topmost Via). */
    private void send(SIPResponse response) throws SipException, InvalidArgumentException {
        if (transaction != null) {
            transaction.sendResponse(response);
        } else {
            connector.provider().sendResponse(response);
        }
    }

    private void forgetTransaction() {
        if (transaction != null) {
            transaction.setApplicationData(null);
        }
    }

    /** Key matching the ACK of this INVITE's 2xx: Call-ID and CSeq number. */
    String ackKey() {
        return ackKey(request);
    }

    static String ackKey(SIPRequest r) {
        return r.getCallId().getCallId() + '\n' + r.getCSeq().getSeqNumber();
    }

    /** The ACK for our 2xx arrived. */
    synchronized void acked() {
        last2xx = null;
    }

    /**
     * Retransmission timer of an unacknowledged 2xx to an INVITE.
     *
     * @return milliseconds until the next retransmission, or -1 when done (ACKed or 64*T1 elapsed)
     */
    synchronized long retransmit2xx() {
        if (last2xx == null) {
            return -1;
        }
        if (System.currentTimeMillis() - first2xxAt >= MAX_2XX_RETRANSMIT_MILLIS) {
            last2xx = null;
            return -1;
        }
        try {
            SIPResponse again = (SIPResponse) last2xx.clone();
            connector.provider().sendResponse(again);
            connector.traffic.retransmitted(again);
        } catch (Exception e) {
            LOG.debug("Could not retransmit 2xx", e);
        }
        retransmitInterval = Math.min(retransmitInterval * 2, T2);
        return retransmitInterval;
    }

    private static String sanitize(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && sb.length() < 200; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\'');
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
