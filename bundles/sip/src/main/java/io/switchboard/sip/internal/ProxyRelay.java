package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.UnsupportedHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response context of one request relayed by the stateful proxy (RFC 3261 16): one client
 * transaction per target (parallel forking), provisional responses and every 2xx forwarded upstream,
 * CANCEL of the other branches on the first 2xx or a 6xx, best response (16.7) when every branch
 * failed. The transactions themselves are JAIN-SIP's.
 */
final class ProxyRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyRelay.class);

    /** How a relay ended. */
    interface Outcome {
        /**
         * Called exactly once.
         *
         * @param status   the final status forwarded (2xx), or the best one of the failed branches
         * @param reason   its reason phrase
         * @param best     the best failure response (our Via removed) not sent yet; null after a 2xx or when already answered
         */
        void done(ProxyRelay relay, int status, String reason, SIPResponse best);
    }

    /** Settings of the proxy. */
    record Settings(Set<String> domains, long inviteTimeoutMillis, long timeoutMillis, Collection<SipProxyListener> listeners,
                    Edits edits, ProxyRequireCheck proxyRequire) {

        Settings(Set<String> domains, long inviteTimeoutMillis, long timeoutMillis, Collection<SipProxyListener> listeners) {
            this(domains, inviteTimeoutMillis, timeoutMillis, listeners, Edits.NONE, ProxyRequireCheck.NONE);
        }
    }

    /**
     * Header edits the route asked for: on the relayed request, names to remove, then headers to put (replacing);
     * names removed from every response sent upstream (after the listeners saw it whole).
     */
    record Edits(Collection<String> remove, Map<String, Object> put, Collection<String> removeFromResponses) {
        static final Edits NONE = new Edits(List.of(), Map.of(), List.of());

        Edits(Collection<String> remove, Map<String, Object> put) {
            this(remove, put, List.of());
        }

        boolean isEmpty() {
            return remove.isEmpty() && put.isEmpty() && removeFromResponses.isEmpty();
        }

        /** The response to send upstream: a copy without the headers to remove (the listeners keep the original). */
        SIPResponse strip(SIPResponse response) {
            if (removeFromResponses.isEmpty()) {
                return response;
            }
            SIPResponse copy = (SIPResponse) response.clone();
            for (String name : removeFromResponses) {
                copy.removeHeader(HeaderNames.expand(name.trim()));
            }
            return copy;
        }

        void apply(SIPRequest request) throws ParseException {
            for (String name : remove) {
                request.removeHeader(HeaderNames.expand(name.trim()));
            }
            for (Map.Entry<String, Object> e : put.entrySet()) {
                HeaderMapping.putHeader(request, e.getKey(), e.getValue());
            }
        }
    }

    private final SipConnector connector;
    private final ServerContext server;
    private final Settings settings;
    private final Outcome outcome;
    private final List<Branch> branches = new ArrayList<>();
    private boolean completed;
    private boolean answered;
    private boolean cancelled;
    private SIPResponse best;
    private int forwarding; // 2xx responses being forwarded upstream right now

    private final class Branch {
        ClientRequest client;
        SIPResponse finalResponse;
        int status;
        boolean done;
        boolean provisional;
        boolean cancelWanted;
    }

    private ProxyRelay(SipConnector connector, ServerContext server, Settings settings, Outcome outcome) {
        this.connector = connector;
        this.server = server;
        this.settings = settings;
        this.outcome = outcome;
    }

    // ------------------------------------------------------------------ request processing (16.3 - 16.6)

    /**
     * Relays the request of {@code server} to {@code targets} (null or empty: its Request-URI).
     * Requests the proxy refuses are answered at once (483, 403, 404) and the outcome reports that status
     * with {@code best} null.
     */
    static void relay(ServerContext server, List<String> targets, Settings settings, Outcome outcome) {
        ProxyRelay relay = new ProxyRelay(server.connector, server, settings, outcome);
        relay.start(targets);
    }

    /**
     * A request the proxy refuses before relaying: status and reason, and for a 420 the value of its Unsupported
     * header; null when it may be relayed.
     */
    record Refusal(int status, String reason, String unsupported) {

        Refusal(int status, String reason) {
            this(status, reason, null);
        }

        /** The extra headers of the answer (Unsupported of a 420), as ServerContext.respond takes them. */
        Map<String, List<String>> headers() {
            return unsupported == null ? null : Map.of(UnsupportedHeader.NAME, List.of(unsupported));
        }
    }

    /**
     * The checks done before relaying, in the order of RFC 3261 16.3: Max-Forwards (483, step 3), Proxy-Require (420
     * with Unsupported, step 5; tags the route's {@code edits} drop are not refused), then no open relay (403 when an
     * out-of-dialog request that does not route through us has a foreign From and a foreign Request-URI).
     */
    static Refusal check(ServerContext server, Set<String> domains, ProxyRequireCheck proxyRequire, Edits edits) {
        SIPRequest request = server.request;
        MaxForwardsHeader mf = request.getMaxForwards();
        if (mf != null && mf.getMaxForwards() <= 0) {
            return new Refusal(483, "Too Many Hops");
        }
        String unsupported = proxyRequire.unsupported(request, edits);
        if (unsupported != null) {
            return new Refusal(420, "Bad Extension", unsupported);
        }
        boolean inDialog = request.getTo().getTag() != null;
        if (!inDialog && !topRouteIsUs(server.connector, request) && !isLocal(server.connector, domains, uriHost(request.getFrom().getAddress().getURI()))
                && !isLocal(server.connector, domains, uriHost(request.getRequestURI()))) {
            return new Refusal(403, "Forbidden (relaying denied)");
        }
        return null;
    }

    /** True when the From URI's host is one of our domains (a call from a local user). */
    static boolean fromIsLocal(ServerContext server, Set<String> domains) {
        return isLocal(server.connector, domains, uriHost(server.request.getFrom().getAddress().getURI()));
    }

    /** True when the Request-URI's host is one of our domains. */
    static boolean requestUriIsLocal(ServerContext server, Set<String> domains) {
        return isLocal(server.connector, domains, uriHost(server.request.getRequestURI()));
    }

    private void start(List<String> targets) {
        SIPRequest request = server.request;
        String method = request.getMethod();
        Refusal refusal = check(server, settings.domains(), settings.proxyRequire(), settings.edits());
        if (refusal != null) {
            reject(refusal.status(), refusal.reason(), refusal.headers());
            return;
        }
        MaxForwardsHeader mf = request.getMaxForwards();
        SIPRequest base = (SIPRequest) request.clone();
        undoStrictRouting(connector, base);
        popOurRoute(base);
        boolean inDialog = request.getTo().getTag() != null;
        boolean hasRoute = base.getHeader(RouteHeader.NAME) != null;
        try {
            settings.edits().apply(base);
        } catch (Exception e) {
            reject(500, "Bad header edit");
            return;
        }
        try {
            if (mf == null) {
                base.setHeader(SipConnector.HEADER_FACTORY.createMaxForwardsHeader(69));
            } else {
                ((MaxForwardsHeader) base.getHeader(MaxForwardsHeader.NAME)).decrementMaxForwards();
            }
        } catch (Exception e) {
            reject(400, "Bad Max-Forwards");
            return;
        }
        List<String> uris = new ArrayList<>();
        if (!inDialog && !hasRoute && targets != null && !targets.isEmpty()) {
            uris.addAll(targets);
        } else {
            uris.add(base.getRequestURI().toString());
        }
        if (!hasRoute) {
            uris.removeIf(this::isUs);
            if (uris.isEmpty()) {
                reject(inDialog ? 481 : 404, inDialog ? null : "Not Found (no target)");
                return;
            }
        }
        if (!inDialog && (Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method))) {
            try {
                base.addFirst(recordRoute(HeaderMapping.transport(request.getTopmostVia())));
            } catch (Exception e) {
                reject(500, "Cannot add Record-Route");
                return;
            }
        }
        server.relay = this;
        fire(SipProxyEvent.Kind.REQUEST, request, 0, null, false);
        long timeout = Request.INVITE.equals(method) ? settings.inviteTimeoutMillis() : settings.timeoutMillis();
        List<SIPRequest> outgoing = new ArrayList<>(uris.size());
        synchronized (this) {
            for (String target : uris) {
                Branch b = new Branch();
                branches.add(b);
                SIPRequest copy = (SIPRequest) base.clone();
                try {
                    URI uri = SipConnector.ADDRESS_FACTORY.createURI(target);
                    copy.setRequestURI(uri);
                    String transport = Requests.transportFor(uri, Dialogs.values(copy, RouteHeader.NAME, false), connector.config());
                    copy.addFirst(Requests.via(connector.config(), transport));
                    outgoing.add(copy);
                } catch (Exception e) {
                    LOG.debug("Bad target {}", target, e);
                    b.done = true;
                    b.status = 416; // Unsupported URI Scheme: the target does not parse as a SIP URI we can reach
                    outgoing.add(null);
                }
            }
        }
        for (int i = 0; i < outgoing.size(); i++) {
            SIPRequest copy = outgoing.get(i);
            Branch b;
            synchronized (this) {
                b = branches.get(i);
                if (copy == null || cancelled || answered) {
                    b.done = true;
                    if (b.status == 0) {
                        b.status = 487;
                    }
                    continue;
                }
            }
            try {
                ClientRequest cr = connector.send(copy, timeout, (response, status, reason) -> branchFinal(b, response, status, reason),
                        null, response -> branchProvisional(b, response));
                synchronized (this) {
                    b.client = cr;
                }
            } catch (ClientRequest.TransportFailure e) {
                branchFinal(b, null, 503, "Service Unavailable");
            } catch (Exception e) {
                LOG.debug("Could not relay to {}", copy.getRequestURI(), e);
                branchFinal(b, null, 500, "Server Internal Error");
            }
        }
        checkAllDone();
    }

    private void reject(int status, String reason) {
        reject(status, reason, null);
    }

    private void reject(int status, String reason, Map<String, List<String>> headers) {
        try {
            server.respond(status, reason, headers, null, null);
        } catch (RuntimeException e) {
            LOG.debug("Could not answer {}", status, e);
        }
        fireLocal(status, reason);
        outcome.done(this, status, reason, null);
    }

    // ------------------------------------------------------------------ responses (16.7)

    private void branchProvisional(Branch b, SIPResponse response) {
        boolean cancelNow;
        synchronized (this) {
            b.provisional = true;
            cancelNow = b.cancelWanted;
        }
        if (cancelNow) {
            sendCancel(b);
            return;
        }
        if (response.getStatusCode() == 100) {
            return;
        }
        SIPResponse up = upstream(response);
        if (!server.finalResponseSent()) {
            // told before it leaves: what the caller does next (CANCEL, ...) must find the dialog up to date
            fire(SipProxyEvent.Kind.RESPONSE, up, up.getStatusCode(), up.getReasonPhrase(), false);
            server.forward(settings.edits().strip(up));
        }
    }

    private void branchFinal(Branch b, SIPResponse response, int status, String reason) {
        List<Branch> toCancel = new ArrayList<>();
        SIPResponse up = response == null ? null : upstream(response);
        boolean forward2xx = false;
        synchronized (this) {
            b.done = true;
            b.status = status;
            b.finalResponse = up;
            if (status >= 200 && status < 300) {
                forward2xx = true;
                forwarding++; // the outcome waits for it: the route must not end before this 2xx is on its way
                if (!answered) {
                    answered = true;
                    toCancel.addAll(pendingBranches());
                }
            } else {
                if (up == null) {
                    up = localResponse(status, reason);
                    b.finalResponse = up;
                }
                if (up != null && (best == null || better(status, best.getStatusCode()))) {
                    best = up;
                }
                if (status >= 600 && !answered) {
                    toCancel.addAll(pendingBranches());
                }
            }
        }
        if (forward2xx) {
            try {
                if (up != null) {
                    fire(SipProxyEvent.Kind.RESPONSE, up, status, reason, false);
                    server.forward(settings.edits().strip(up));
                }
            } finally {
                synchronized (this) {
                    forwarding--;
                }
            }
        }
        for (Branch other : toCancel) {
            sendCancel(other);
        }
        checkAllDone();
    }

    private List<Branch> pendingBranches() {
        List<Branch> out = new ArrayList<>();
        for (Branch o : branches) {
            if (!o.done) {
                out.add(o);
            }
        }
        return out;
    }

    private void checkAllDone() {
        SIPResponse chosen;
        int status;
        String reason;
        synchronized (this) {
            if (completed || forwarding > 0 || !pendingBranches().isEmpty() || branches.isEmpty()) {
                return;
            }
            for (Branch b : branches) {
                if (b.client == null && b.finalResponse == null && b.status != 0 && !answered) {
                    SIPResponse local = localResponse(b.status, null);
                    if (local != null && (best == null || better(b.status, best.getStatusCode()))) {
                        best = local;
                    }
                }
            }
            completed = true;
            if (answered) {
                chosen = null;
                status = 200;
                reason = "OK";
                for (Branch b : branches) {
                    if (b.status >= 200 && b.status < 300) {
                        status = b.status;
                        reason = b.finalResponse != null ? b.finalResponse.getReasonPhrase() : reason;
                        break;
                    }
                }
            } else {
                chosen = best;
                if (chosen == null) {
                    chosen = localResponse(408, "Request Timeout");
                }
                if (chosen != null && chosen.getStatusCode() == 503) {
                    // RFC 3261 16.7 step 6: a 503 from downstream must not make upstream think we are overloaded
                    try {
                        chosen.setStatusCode(500);
                        chosen.setReasonPhrase("Server Internal Error");
                    } catch (ParseException e) {
                        LOG.debug("cannot rewrite 503", e);
                    }
                }
                if (chosen != null && (chosen.getStatusCode() == 401 || chosen.getStatusCode() == 407)) {
                    chosen = withEveryChallenge(chosen);
                }
                status = chosen == null ? 500 : chosen.getStatusCode();
                reason = chosen == null ? "Server Internal Error" : chosen.getReasonPhrase();
                if (server.finalResponseSent() || cancelled) {
                    chosen = null; // cancelled by the caller: the component already answered 487
                }
            }
        }
        outcome.done(this, status, reason, chosen);
    }

    /**
     * RFC 3261 16.7 step 7: a 401/407 sent upstream carries the challenges of every branch that asked for
     * credentials, so that the caller can answer all of them in one retry.
     */
    private SIPResponse withEveryChallenge(SIPResponse chosen) {
        SIPResponse merged = (SIPResponse) chosen.clone();
        for (Branch b : branches) {
            SIPResponse r = b.finalResponse;
            if (r == null || r == chosen || (r.getStatusCode() != 401 && r.getStatusCode() != 407)) {
                continue;
            }
            for (String name : CHALLENGES) {
                ListIterator<SIPHeader> it = r.getHeaders(name);
                while (it.hasNext()) {
                    merged.addHeader((SIPHeader) it.next().clone());
                }
            }
        }
        return merged;
    }

    private static final List<String> CHALLENGES = List.of(WWWAuthenticateHeader.NAME, ProxyAuthenticateHeader.NAME);

    /**
     * Sends {@code best} upstream (after a failure route that did not answer).
     *
     * @return true when it went out
     */
    boolean sendBest(SIPResponse response) {
        if (response == null || server.finalResponseSent()) {
            return false;
        }
        fire(SipProxyEvent.Kind.RESPONSE, response, response.getStatusCode(), response.getReasonPhrase(), false);
        return server.forward(settings.edits().strip(response));
    }

    /** A final response to the relayed request was sent by the route (failure route) or the component. */
    void answeredLocally(SIPResponse response) {
        fire(SipProxyEvent.Kind.RESPONSE, response, response.getStatusCode(), response.getReasonPhrase(), true);
    }

    /** The caller CANCELled the INVITE (the component answers 200 and 487): CANCEL every branch. */
    void cancelledByCaller(SIPRequest cancel) {
        List<Branch> toCancel;
        synchronized (this) {
            if (cancelled || answered) {
                return;
            }
            cancelled = true;
            toCancel = pendingBranches();
        }
        fire(SipProxyEvent.Kind.REQUEST, cancel, 0, null, false);
        for (Branch b : toCancel) {
            sendCancel(b);
        }
    }

    /** CANCEL a branch once it had a provisional response (RFC 3261 9.1), else when it gets one. */
    private void sendCancel(Branch b) {
        ClientRequest cr;
        synchronized (this) {
            if (b.done) {
                return;
            }
            if (!b.provisional || b.client == null) {
                b.cancelWanted = true;
                return;
            }
            cr = b.client;
        }
        if (!Request.INVITE.equals(cr.request.getMethod())) {
            return;
        }
        try {
            Request cancel = cr.transaction.createCancel();
            connector.provider().getNewClientTransaction(cancel).sendRequest();
            connector.requestsSent.increment();
        } catch (Exception e) {
            LOG.debug("Could not CANCEL branch {}", cr.request.getRequestURI(), e);
        }
    }

    /**
     * Best response order (RFC 3261 16.7 step 6): any 6xx; else the lowest class; in 4xx prefer 401, 407,
     * 415, 420, 484; in a tie the first one received.
     */
    static boolean better(int candidate, int current) {
        return rank(candidate) < rank(current);
    }

    static int rank(int status) {
        int cls = status / 100;
        int classRank = cls == 6 ? 0 : cls;
        int preferred = switch (status) {
            case 401, 407, 415, 420, 484 -> 0;
            case 408 -> 2; // our own timeouts last within 4xx
            default -> 1;
        };
        return classRank * 10 + preferred;
    }

    private SIPResponse localResponse(int status, String reason) {
        try {
            SIPResponse r = server.request.createResponse(status, reason);
            if (r.getTo().getTag() == null) {
                r.getTo().setTag(server.localTag());
            }
            return r;
        } catch (RuntimeException | ParseException e) {
            LOG.debug("cannot create {}", status, e);
            return null;
        }
    }

    /** A response from downstream with our Via removed. */
    private static SIPResponse upstream(SIPResponse response) {
        SIPResponse up = (SIPResponse) response.clone();
        up.removeFirst(ViaHeader.NAME);
        return up;
    }

    // ------------------------------------------------------------------ ACK, stray responses

    /**
     * Relays an ACK: an ACK for a 2xx carries our Route (we Record-Routed the INVITE) and goes on end to end,
     * statelessly; an ACK without our Route acknowledges a non-2xx hop by hop and ends here.
     *
     * @return true when forwarded
     */
    static boolean relayAck(SipConnector connector, SIPRequest ack) {
        return relayAck(connector, ack, Edits.NONE);
    }

    static boolean relayAck(SipConnector connector, SIPRequest ack, Edits edits) {
        SIPRequest copy = (SIPRequest) ack.clone();
        if (!undoStrictRouting(connector, copy) && !popOurRoute(connector, copy)) {
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
            edits.apply(copy);
            String transport = Requests.transportFor(copy.getRequestURI(), Dialogs.values(copy, RouteHeader.NAME, false), connector.config());
            copy.addFirst(Requests.via(connector.config(), transport));
            connector.sendStateless(copy);
            return true;
        } catch (Exception e) {
            LOG.debug("Could not relay ACK", e);
            return false;
        }
    }

    /**
     * A response without a client transaction whose top Via is ours and that has another Via below: a
     * relayed 2xx retransmitted by the UAS after our INVITE client transaction ended. Forward it upstream
     * statelessly (RFC 3261 16.7: 2xx are forwarded, the proxy does not ACK them).
     */
    static boolean forwardStray(SipConnector connector, SIPResponse response) {
        if (response.getViaHeaders() == null || response.getViaHeaders().size() < 2) {
            return false;
        }
        Via top = response.getTopmostVia();
        ConnectorConfig c = connector.config();
        int port = top.getPort() <= 0 ? 5060 : top.getPort();
        if (!c.advertisedHost().equalsIgnoreCase(top.getHost()) || port != c.port()) {
            return false;
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            try {
                connector.sendStateless(upstream(response));
            } catch (Exception e) {
                LOG.debug("Could not forward stray 2xx", e);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ routing helpers

    private boolean popOurRoute(SIPRequest r) {
        return popOurRoute(connector, r);
    }

    static boolean topRouteIsUs(SipConnector connector, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        return it.hasNext() && isUs(connector.config(), ((RouteHeader) it.next()).getAddress().getURI());
    }

    /**
     * RFC 3261 16.4: a strict router before us (RFC 2543) put our Record-Route URI into the Request-URI and the
     * remote target last in Route; restore the Request-URI from that last Route. (A strict router after us is
     * the stack's job: its DefaultRouter rewrites the request when the next Route has no {@code lr}.)
     *
     * @return true when the request was strict-routed to us
     */
    static boolean undoStrictRouting(SipConnector connector, SIPRequest r) {
        RouteList routes = r.getRouteHeaders();
        if (routes == null || routes.isEmpty() || !isUs(connector.config(), r.getRequestURI())) {
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
    static boolean popOurRoute(SipConnector connector, SIPRequest r) {
        ListIterator<SIPHeader> it = r.getHeaders(RouteHeader.NAME);
        if (!it.hasNext()) {
            return false;
        }
        RouteHeader top = (RouteHeader) it.next();
        URI uri = top.getAddress().getURI();
        if (!isUs(connector.config(), uri)) {
            return false;
        }
        r.removeFirst(RouteHeader.NAME);
        return true;
    }

    private boolean isUs(String uri) {
        try {
            return isUs(connector.config(), SipConnector.ADDRESS_FACTORY.createURI(uri));
        } catch (ParseException e) {
            return false;
        }
    }

    static boolean isUs(ConnectorConfig c, URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        int port = sip.getPort() <= 0 ? 5060 : sip.getPort();
        if (port != c.port()) {
            return false;
        }
        String host = sip.getHost().toLowerCase(Locale.ROOT);
        return host.equals(c.advertisedHost().toLowerCase(Locale.ROOT)) || host.equals(c.host().toLowerCase(Locale.ROOT));
    }

    private static boolean isLocal(SipConnector connector, Set<String> domains, String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return domains.contains(h) || h.equals(connector.config().advertisedHost().toLowerCase(Locale.ROOT));
    }

    private static String uriHost(URI uri) {
        return uri instanceof SipURI sip ? sip.getHost() : null;
    }

    private RecordRouteHeader recordRoute(String transport) throws ParseException {
        ConnectorConfig c = connector.config();
        SipURI uri = SipConnector.ADDRESS_FACTORY.createSipURI(null, c.advertisedHost());
        uri.setPort(c.port());
        uri.setLrParam();
        if ("tcp".equalsIgnoreCase(transport)) {
            uri.setTransportParam("tcp");
        }
        return SipConnector.HEADER_FACTORY.createRecordRouteHeader(SipConnector.ADDRESS_FACTORY.createAddress(uri));
    }

    // ------------------------------------------------------------------ events

    private void fireLocal(int status, String reason) {
        SIPResponse r = localResponse(status, reason);
        if (r != null) {
            fire(SipProxyEvent.Kind.RESPONSE, r, status, r.getReasonPhrase(), true);
        }
    }

    private void fire(SipProxyEvent.Kind kind, gov.nist.javax.sip.message.SIPMessage m, int status, String reason, boolean local) {
        fire(settings.listeners(), kind, m, status, reason, local);
    }

    static void fire(Collection<SipProxyListener> listeners, SipProxyEvent.Kind kind, gov.nist.javax.sip.message.SIPMessage m,
                     int status, String reason, boolean local) {
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        String method = m instanceof SIPRequest r ? r.getMethod() : m.getCSeq().getMethod();
        List<String> rr = Dialogs.values(m, RecordRouteHeader.NAME, false);
        SipProxyEvent e = new SipProxyEvent(kind, method, m.getCallId().getCallId(), m.getFrom().getAddress().getURI().toString(),
                m.getFrom().getTag(), m.getTo().getAddress().getURI().toString(), m.getTo().getTag(), m.getCSeq().getSeqNumber(),
                status, reason, Dialogs.contactUri(m), rr.isEmpty() ? null : String.join(",", rr), local, System.currentTimeMillis(), new SipMessageAdapter(m));
        for (SipProxyListener l : listeners) {
            try {
                l.onProxyEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("SipProxyListener {} failed", l, ex);
            }
        }
    }
}
