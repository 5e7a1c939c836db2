package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.HopImpl;
import io.switchboard.sip.SipBranchResult;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;
import io.switchboard.sip.SipRelayHandle;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response context of one request relayed by the stateful proxy (RFC 3261 16): one client
 * transaction per target (parallel forking), provisional responses and every 2xx forwarded upstream,
 * CANCEL of the other branches on the first 2xx or a 6xx, best response (16.7) when every branch
 * failed. The transactions and their retransmissions are JAIN-SIP's; the branch timeouts the connector's.
 * <p>
 * The proxy's other classes, by concern:
 * <ul>
 * <li>{@link ProxyChecks}: 16.3, before relaying (483, 420, 403) and the local-domain tests;</li>
 * <li>{@link RelayedRequest}: 16.6, the request every branch copies, and the targets;</li>
 * <li>{@link ProxyRouting}: 16.4 Route preprocessing, is a URI us, our Record-Route;</li>
 * <li>{@link BestResponse}: 16.7 steps 6-7;</li>
 * <li>{@link ProxyEdits}: the route's header edits; {@link ReplyHook}: the {@code onReply} route;
 * {@link ProxyEvents}: the listeners;</li>
 * <li>{@link ProxyAckRelay}: ACK, stateless; the connector's {@link StrayResponseForwarder}: a relayed 2xx
 * retransmitted after its branch ended.</li>
 * </ul>
 * The connector reaches a relay only through {@link ServerContext.Relay}; other bundles through
 * {@link SipRelayHandle} ({@link RunningRelays}): branches added to the running fork, CANCEL of the pending ones,
 * holds that keep the caller's transaction open while a branch is still to come (a pushed device waking up).
 */
final class ProxyRelay implements ServerContext.Relay, SipRelayHandle {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyRelay.class);
    /**
     * How long the caller's 487 waits for CANCELled branches to end (64*T1, RFC 3261 9.1: a CANCELled INVITE
     * client transaction without final response is then given up).
     */
    static final long CANCEL_WAIT_MILLIS = 64 * ServerContext.T1;

    /** How a relay ended. */
    interface Outcome {
        /**
         * Called exactly once.
         *
         * @param status   the final status forwarded (2xx), or the best one of the failed branches
         * @param reason   its reason phrase
         * @param best     the best failure response (our Via removed) not sent yet; null after a 2xx or when
         *                 already answered
         */
        void done(ProxyRelay relay, int status, String reason, SIPResponse best);
    }

    /** Settings of the proxy, taken once per request. */
    record Settings(
            RelayScope scope,
            long inviteTimeoutMillis,
            long timeoutMillis,
            Collection<SipProxyListener> listeners,
            ProxyEdits edits,
            ProxyRequireCheck proxyRequire,
            Map<String, String> destinations,
            ReplyHook replies,
            RunningRelays relays,
            long holdMillis,
            boolean holdOnly) {}

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
    private boolean forked; // the first branches are in the list (a CANCEL may come before)
    private SIPRequest base; // what every branch copies, also those added later
    private RelayedRequest relayed; // the request as prepared: its flow (token) and the caller's connection
    private String listedAs; // the Call-ID in RunningRelays, null when not listed
    private int holds;
    private long holdEpoch; // bumped when every hold is released, so that their timers find nothing to end

    private final class Branch {
        ClientRequest client;
        SIPResponse finalResponse;
        int status;
        boolean done;
        boolean provisional;
        boolean cancelWanted;
    }

    private ProxyRelay(ServerContext server, Settings settings, Outcome outcome) {
        this.connector = server.connector;
        this.server = server;
        this.settings = settings;
        this.outcome = outcome;
    }

    // ------------------------------------------------------------------ forking (16.5, 16.6)

    /**
     * Relays the request of {@code server} to {@code targets} (null or empty: its Request-URI).
     * Requests the proxy refuses are answered at once (483, 420, 403, 404, ...) and the outcome reports that
     * status with {@code best} null.
     */
    static void relay(ServerContext server, List<String> targets, Settings settings, Outcome outcome) {
        new ProxyRelay(server, settings, outcome).start(targets);
    }

    private void start(List<String> targets) {
        SIPRequest request = server.request;
        ProxyChecks.Refusal refusal =
                ProxyChecks.check(server, settings.scope(), settings.proxyRequire(), settings.edits());
        RelayedRequest relayed = null;
        if (refusal == null) {
            relayed = RelayedRequest.prepare(
                    server, targets, settings.edits(), settings.scope().domains(), settings.holdOnly());
            refusal = relayed.refusal();
        }
        if (refusal != null) {
            reject(refusal.status(), refusal.reason(), refusal.headers());
            return;
        }
        server.relay = this;
        base = relayed.base();
        this.relayed = relayed;
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (invite && request.getTo().getTag() == null) {
            listedAs = request.getCallId().getCallId();
            settings.relays().started(listedAs, this);
            if (settings.holdMillis() > 0) {
                hold(settings.holdMillis());
            }
        }
        RelayAccounting.relayed(
                request,
                relayed.targets(),
                settings.scope().dialogs(),
                () -> fire(SipProxyEvent.Kind.REQUEST, request, 0, null, false));
        fork(relayed.targets(), invite ? settings.inviteTimeoutMillis() : settings.timeoutMillis());
    }

    /**
     * One client transaction per target, each a copy of {@link #base} with its Request-URI and our Via; a branch
     * that goes over a TCP connection the callee opened (or a request whose flow token names an open one) is sent
     * over it, and a dialog with such connections gets their flow token in our Record-Route.
     */
    private void fork(List<String> uris, long timeout) {
        List<Branch> added = new ArrayList<>(uris.size());
        List<SIPRequest> outgoing = new ArrayList<>(uris.size());
        synchronized (this) {
            for (String target : uris) {
                Branch b = new Branch();
                branches.add(b);
                added.add(b);
                outgoing.add(branchRequest(b, target, null));
            }
            forked = true;
        }
        for (int i = 0; i < outgoing.size(); i++) {
            send(added.get(i), outgoing.get(i), timeout);
        }
        checkAllDone();
    }

    /**
     * The request of branch {@code b} to {@code target}: a copy of the base with its Request-URI, {@code headers}
     * (may be null) put on it, our Record-Route for its transport and our Via; null when the target does not parse
     * as a SIP URI we can reach ({@code b} then ended with 416). Called holding the relay's lock.
     */
    private SIPRequest branchRequest(Branch b, String target, Map<String, List<String>> headers) {
        connector.traffic.branch();
        ConnectorConfig c = connector.config();
        SIPRequest copy = (SIPRequest) base.clone();
        try {
            URI uri = SipConnector.ADDRESS_FACTORY.createURI(target);
            copy.setRequestURI(uri);
            HeaderMapping.addHeaders(copy, headers);
            List<String> routes = Dialogs.values(copy, RouteHeader.NAME, false);
            Hop registered =
                    relayed.flow() != null ? relayed.flow() : routes.isEmpty() ? registeredConnection(target) : null;
            String transport;
            String peer;
            if (registered != null) {
                copy.setApplicationData(registered); // ConnectionRouter sends it there
                transport = registered.getTransport().toLowerCase(Locale.ROOT);
                peer = registered.getHost();
            } else {
                transport = Requests.transportFor(uri, routes, c);
                peer = Requests.nextHopHost(uri, routes);
            }
            ProxyRouting.doubleRecordRoute(c, copy, transport, peer);
            if (relayed.recordRouted()) {
                String token = connector.flowTokens.encode(
                        server.request.getFrom().getTag(),
                        relayed.caller(),
                        registered == null ? null : new FlowTokens.Flow(registered.getHost(), registered.getPort()));
                if (token != null) {
                    ProxyRouting.setFlowToken(c, copy, token);
                }
            }
            copy.addFirst(Requests.via(c, transport, peer));
            return copy;
        } catch (Exception e) {
            LOG.debug("Bad target {}", target, e);
            b.done = true;
            b.status = 416; // Unsupported URI Scheme: the target does not parse as a SIP URI we can reach
            return null;
        }
    }

    /** Opens the client transaction of branch {@code b}, unless the call was answered or CANCELled meanwhile. */
    private void send(Branch b, SIPRequest copy, long timeout) {
        synchronized (this) {
            if (copy == null || cancelled || answered) {
                b.done = true;
                if (b.status == 0) {
                    b.status = 487;
                }
                return;
            }
        }
        try {
            ClientRequest cr = connector.send(
                    copy,
                    timeout,
                    (response, status, reason) -> branchFinal(b, response, status, reason),
                    null,
                    response -> branchProvisional(b, response));
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

    /**
     * The connection {@code target} registered on ({@code SipProxyDestinations}) while the stack has it open: the
     * request then goes over it, as Kamailio's lookup sets the destination URI to the contact's received address;
     * null when there is none or it is gone (the request then opens a connection to the target itself).
     */
    private Hop registeredConnection(String target) {
        String destination = settings.destinations().get(target);
        if (destination == null) {
            return null;
        }
        try {
            if (!(SipConnector.ADDRESS_FACTORY.createURI(destination) instanceof SipURI d) || d.getPort() <= 0) {
                return null;
            }
            String transport = d.getTransportParam() == null
                    ? "udp"
                    : d.getTransportParam().toLowerCase(Locale.ROOT);
            if (!"tcp".equals(transport)
                    || !connector.config().transports().contains(transport)
                    || !connector.connectionOpen(transport, d.getHost(), d.getPort())) {
                return null;
            }
            return new HopImpl(d.getHost(), d.getPort(), transport.toUpperCase(Locale.ROOT));
        } catch (ParseException | RuntimeException e) {
            LOG.debug("Bad destination {} of {}", destination, target, e);
            return null;
        }
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
        SIPResponse up = StrayResponseForwarder.upstream(response);
        if (!server.finalResponseSent()) {
            // told before it leaves: what the caller does next (CANCEL, ...) must find the dialog up to date
            fire(SipProxyEvent.Kind.RESPONSE, up, up.getStatusCode(), up.getReasonPhrase(), false);
            server.forward(upstream(up));
        }
    }

    private void branchFinal(Branch b, SIPResponse response, int status, String reason) {
        List<Branch> toCancel = new ArrayList<>();
        SIPResponse up = response == null ? null : StrayResponseForwarder.upstream(response);
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
                if (up != null && (best == null || BestResponse.better(status, best.getStatusCode()))) {
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
                    server.forward(upstream(up));
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
        SIPResponse cancelAnswer = null;
        int status;
        String reason;
        synchronized (this) {
            if (completed
                    || !forked
                    || forwarding > 0
                    || !pendingBranches().isEmpty()
                    || holds > 0 && !answered && !cancelled) {
                return;
            }
            for (Branch b : branches) {
                if (b.client == null && b.finalResponse == null && b.status != 0 && !answered) {
                    SIPResponse local = localResponse(b.status, null);
                    if (local != null && (best == null || BestResponse.better(b.status, best.getStatusCode()))) {
                        best = local;
                    }
                }
            }
            completed = true;
            if (listedAs != null) {
                settings.relays().ended(listedAs, this);
            }
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
                    // no branch answered at all: 487 after a CANCEL, 480 for a held relay that never got a branch
                    chosen = cancelled
                            ? localResponse(487, null)
                            : branches.isEmpty() ? localResponse(480, null) : localResponse(408, "Request Timeout");
                }
                if (chosen != null) {
                    chosen = BestResponse.finish(chosen, finalResponses());
                }
                status = chosen == null ? 500 : chosen.getStatusCode();
                reason = chosen == null ? "Server Internal Error" : chosen.getReasonPhrase();
                if (server.finalResponseSent()) {
                    chosen = null; // answered already (the component's 487 to a CANCEL that came before the relay)
                } else if (cancelled) {
                    cancelAnswer = chosen; // 16.10: the caller's 487 now that the branches ended; no failure route
                    chosen = null;
                }
            }
        }
        if (cancelAnswer != null && !sendBest(cancelAnswer) && !server.finalResponseSent()) {
            // a branch's answer that cannot go upstream as it is (a UAS that answered the INVITE with the Vias
            // of our CANCEL leaves it without the caller's): the caller still gets its status
            answerLocally(status, reason);
        }
        outcome.done(this, status, reason, chosen);
    }

    private List<SIPResponse> finalResponses() {
        List<SIPResponse> out = new ArrayList<>(branches.size());
        for (Branch b : branches) {
            out.add(b.finalResponse);
        }
        return out;
    }

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
        return server.forward(upstream(response));
    }

    /**
     * What goes upstream for a response the listeners saw whole: without {@code SipProxyRemoveResponseHeaders},
     * then through the {@code onReply} route.
     */
    private SIPResponse upstream(SIPResponse response) {
        return settings.replies().apply(settings.edits().strip(response));
    }

    private void answerLocally(int status, String reason) {
        try {
            server.respond(status, reason, null, null, null);
        } catch (RuntimeException e) {
            LOG.debug("Could not answer {} after CANCEL", status, e);
        }
    }

    /** A final response to the relayed request was sent by the route (failure route) or the component. */
    @Override
    public void answeredLocally(SIPResponse response) {
        fire(SipProxyEvent.Kind.RESPONSE, response, response.getStatusCode(), response.getReasonPhrase(), true);
    }

    /**
     * The caller CANCELled the INVITE (the connector answered the CANCEL 200): CANCEL every pending branch (16.10);
     * the caller's 487 (the best response) goes up once they ended, or after {@link #CANCEL_WAIT_MILLIS} for
     * branches that never answer.
     */
    @Override
    public void cancelledByCaller(SIPRequest cancel) {
        List<Branch> toCancel;
        synchronized (this) {
            if (cancelled || answered || completed) {
                return;
            }
            cancelled = true;
            toCancel = pendingBranches();
            holds = 0;
            holdEpoch++;
        }
        fire(SipProxyEvent.Kind.REQUEST, cancel, 0, null, false);
        for (Branch b : toCancel) {
            sendCancel(b);
        }
        connector.schedule(this::cancelWaitExpired, CANCEL_WAIT_MILLIS);
        checkAllDone();
    }

    /** CANCELled branches that did not end within 64*T1 count as ended with 487. */
    private void cancelWaitExpired() {
        synchronized (this) {
            if (completed) {
                return;
            }
            for (Branch b : pendingBranches()) {
                LOG.debug(
                        "CANCELled branch {} did not end within {} ms",
                        b.client == null ? null : b.client.request.getRequestURI(),
                        CANCEL_WAIT_MILLIS);
                b.done = true;
                b.status = 487;
                b.client = null;
            }
        }
        checkAllDone();
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
            connector.traffic.sent((SIPMessage) cancel);
            connector.traffic.cancelSent();
        } catch (Exception e) {
            LOG.debug("Could not CANCEL branch {}", cr.request.getRequestURI(), e);
        }
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

    // ------------------------------------------------------------------ SipRelayHandle: changes from outside

    @Override
    public String callId() {
        return server.request.getCallId().getCallId();
    }

    @Override
    public SipBranchResult addBranch(String uri, Map<String, List<String>> headers, boolean cancelOthers) {
        if (uri == null || ProxyRouting.isUs(connector.config(), uri)) {
            return SipBranchResult.BAD_TARGET;
        }
        try {
            if (!(SipConnector.ADDRESS_FACTORY.createURI(uri) instanceof SipURI)) {
                return SipBranchResult.BAD_TARGET;
            }
        } catch (ParseException e) {
            return SipBranchResult.BAD_TARGET;
        }
        Branch b = new Branch();
        SIPRequest copy;
        List<Branch> toCancel = List.of();
        synchronized (this) {
            SipBranchResult refused = refusal();
            if (refused != null) {
                return refused;
            }
            if (cancelOthers) {
                toCancel = pendingBranches();
            }
            branches.add(b);
            copy = branchRequest(b, uri, headers);
        }
        if (copy == null) {
            return SipBranchResult.BAD_TARGET; // a header that does not parse; the branch counts as ended (416)
        }
        LOG.debug("Branch {} added to the call {}", uri, callId());
        for (Branch other : toCancel) {
            sendCancel(other);
        }
        send(b, copy, settings.inviteTimeoutMillis());
        checkAllDone();
        return SipBranchResult.ADDED;
    }

    /** Why no branch may be added now, or null. Called holding the lock. */
    private SipBranchResult refusal() {
        if (answered) {
            return SipBranchResult.ANSWERED;
        }
        if (cancelled) {
            return SipBranchResult.CANCELLED;
        }
        return completed || !forked || base == null ? SipBranchResult.ENDED : null;
    }

    @Override
    public int cancelBranches() {
        List<Branch> toCancel;
        synchronized (this) {
            if (completed || answered) {
                return 0;
            }
            toCancel = pendingBranches();
        }
        for (Branch b : toCancel) {
            sendCancel(b);
        }
        return toCancel.size();
    }

    @Override
    public boolean hold(long millis) {
        long epoch;
        synchronized (this) {
            if (completed || answered || cancelled || millis <= 0) {
                return false;
            }
            holds++;
            epoch = holdEpoch;
        }
        connector.schedule(() -> holdExpired(epoch), millis);
        return true;
    }

    private void holdExpired(long epoch) {
        synchronized (this) {
            if (epoch != holdEpoch || holds == 0) {
                return;
            }
            holds--;
        }
        checkAllDone();
    }

    @Override
    public void releaseHolds() {
        synchronized (this) {
            if (holds == 0) {
                return;
            }
            holds = 0;
            holdEpoch++;
        }
        checkAllDone();
    }

    @Override
    public synchronized boolean answered() {
        return answered;
    }

    @Override
    public synchronized boolean ended() {
        return completed;
    }

    // ------------------------------------------------------------------ events

    private void fireLocal(int status, String reason) {
        SIPResponse r = localResponse(status, reason);
        if (r != null) {
            fire(SipProxyEvent.Kind.RESPONSE, r, status, r.getReasonPhrase(), true);
        }
    }

    private void fire(SipProxyEvent.Kind kind, SIPMessage m, int status, String reason, boolean local) {
        ProxyEvents.fire(settings.listeners(), kind, m, status, reason, local);
    }
}
