package io.switchboard.sip.internal;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipSourceGuard;
import io.switchboard.sip.SipStatistics;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.Timeout;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JAIN-SIP RI stack with its listening points (one per transport, same host:port) and one
 * provider, shared by every consumer and producer of that address. It is the stack's listener:
 * requests go to the attached request handler inside a server transaction, responses complete the
 * producer's client transaction and go to the attached response handler.
 * <p>
 * The stack is created directly (not through {@code javax.sip.SipFactory}, which keeps every stack it
 * ever created in a static table), with a unique {@code javax.sip.STACK_NAME}, tuned for throughput:
 * no stack logging, a thread pool with a re-entrant listener, large UDP buffers and no automatic
 * dialog support (no JAIN-SIP Dialog objects are ever created).
 */
public final class SipConnector implements SipListener, SipStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(SipConnector.class);
    private static final AtomicLong STACK_SEQUENCE = new AtomicLong();
    static final int MAX_MESSAGE_SIZE = 16 * 1024;
    static final int CONGESTION_TIMEOUT_MS = 2000;
    /** The most waitTimer allows (32 s) of lingering UDP transactions at 15,000 requests/s, about 1 KB each. */
    static final int MAX_SERVER_TRANSACTIONS = 600_000;

    static final MessageFactoryImpl MESSAGE_FACTORY = new MessageFactoryImpl();
    static final HeaderFactoryImpl HEADER_FACTORY = new HeaderFactoryImpl();
    static final AddressFactoryImpl ADDRESS_FACTORY = new AddressFactoryImpl();

    /** Handles requests arriving on a connector (the requests consumer). */
    public interface RequestHandler {
        /** A new request in its own server transaction; called in a stack thread. */
        void onRequest(ServerContext request);

        /** An ACK (no transaction, never answered). */
        void onAck(SIPRequest ack);
    }

    /** Handles every response arriving on a connector (the responses consumer). */
    public interface ResponseHandler {
        void onResponse(SIPResponse response);
    }

    private final ConnectorConfig config;
    private final String stackName;

    final LongAdder requestsReceived = new LongAdder();
    final LongAdder responsesSent = new LongAdder();
    final LongAdder requestsSent = new LongAdder();
    final LongAdder responsesReceived = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    /** The source guard of the component (bundles/pike), asked for every request before it is parsed. */
    private final Supplier<SipSourceGuard> guard;
    /** False while the platform starts ({@link ServingGate}): asked for every request, one volatile read. */
    private final BooleanSupplier serving;
    /** The same messages by method, transport and status class, for the metrics bundle. */
    final SipTraffic traffic;

    private final Set<ClientRequest> pending = ConcurrentHashMap.newKeySet();
    /** 2xx responses to INVITEs waiting for their ACK, by Call-ID and CSeq number. */
    private final Map<String, ServerContext> awaitingAck = new ConcurrentHashMap<>();
    /** The proxy's flow tokens in Record-Route, keyed per stack (connections do not outlive it). */
    final FlowTokens flowTokens = new FlowTokens();
    /** Relayed 2xx retransmitted after their client transaction ended. */
    private final StrayResponseForwarder strayResponses;

    private volatile RequestHandler requestHandler;
    private volatile ResponseHandler responseHandler;

    private volatile SipStackImpl stack;
    private volatile SipProviderImpl provider;
    private volatile ScheduledThreadPoolExecutor timer;
    private ContactHeader contactUdp;
    private ContactHeader contactTcp;

    /** Number of endpoints (consumers, producers) using it; guarded by the component. */
    int users;

    public SipConnector(ConnectorConfig config) {
        this(config, () -> null, () -> true);
    }

    /**
     * @param guard   the source guard of the component, asked before a request is parsed
     * @param serving false while the platform starts: a request is answered 503 with Retry-After, not routed
     */
    public SipConnector(ConnectorConfig config, Supplier<SipSourceGuard> guard, BooleanSupplier serving) {
        this.config = config;
        this.guard = guard;
        this.serving = serving;
        this.stackName =
                "switchboard-sip-" + config.host() + "-" + config.port() + "-" + STACK_SEQUENCE.incrementAndGet();
        this.strayResponses = new StrayResponseForwarder(config, this::sendStateless);
        this.traffic = new SipTraffic(
                config.host() + ":" + config.port(),
                () -> {
                    SipStackImpl s = stack;
                    return s == null ? 0 : s.getServerTransactionTableSize();
                },
                () -> {
                    SipStackImpl s = stack;
                    return s == null ? 0 : s.getClientTransactionTableSize();
                });
    }

    public ConnectorConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Creates the stack and binds every transport; on failure nothing stays bound. */
    public synchronized void start() throws Exception {
        if (stack != null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist.javax.sip");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // our logger (errors and warnings as before) and message log: what the stack writes goes to the SIP capture
        // (HEP) while one is installed, retransmissions and its own 100 Trying included
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", CaptureServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.threadPoolSize()));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(config.udpBufferSize()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(config.udpBufferSize()));
        // Overload protection. The RI's UDP loop queued every datagram in a buffer of MAX_MESSAGE_SIZE (64 KiB
        // by default: 8,000 queued datagrams took 500 MB; CompactUdpMessageProcessor now queues only the datagram's
        // bytes); a longer datagram is cut at it. SIP over UDP stays far below 16 KiB (RFC 3261 18.1.1 moves
        // anything above ~1300 bytes to TCP), and the same cap bounds a TCP message body.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        // a request queued longer than this is dropped unseen: its sender has retransmitted meanwhile
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", Integer.toString(CONGESTION_TIMEOUT_MS));
        // unlimited by default; above 80 % of this the stack starts dropping new requests (UDP senders retry)
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(MAX_SERVER_TRANSACTIONS));
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // connections phones opened stay known under their address and port, and requests to that address and port
        // go over them (OpenConnections, ConnectionRouter: a contact reached over the connection it registered on)
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("javax.sip.ROUTER_PATH", ConnectionRouter.class.getName());
        // A UDP server transaction lingers (waitTimer) after its final response: keep none of its request meanwhile
        // (halves memory at high rates). Not "Normal": that one encodes every request again when its transaction is
        // released and parses it once more when a client transaction ends, so that Transaction.getRequest() still
        // answers; we never read a transaction's request after its final response, and that work was a sixth of the
        // call path's allocation (decisions 37). Retransmissions still match: the stack keeps branch, sent-by and
        // merge id.
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");

        SipStackImpl newStack = new KeyedCancelStack(p, config.waitTimer());
        newStack.sipMessageValves.add(new StrayResponseValve(newStack, this));
        // Count malformed input: wrap the parser the stack uses for everything it reads from the network.
        // Must happen before the listening points (and so the message channels and their parsers) exist.
        // UDP receive into one reused buffer per listening point, queuing only the datagram's bytes (the RI's loop
        // allocates MAX_MESSAGE_SIZE per datagram); TCP and TLS as the RI makes them
        newStack.setMessageProcessorFactory(new CompactUdpProcessorFactory(config.threadPoolSize()));
        MessageParserFactory original = newStack.getMessageParserFactory();
        newStack.setMessageParserFactory(new MessageParserFactory() {
            @Override
            public MessageParser createMessageParser(SIPTransactionStack s) {
                return new CountingMessageParser(
                        original.createMessageParser(s), malformed, responsesSent, dropped, guard, traffic);
            }
        });
        try {
            SipProviderImpl newProvider = null;
            for (String transport : config.transports()) {
                ListeningPoint lp = newStack.createListeningPoint(config.host(), config.port(), transport);
                if (newProvider == null) {
                    newProvider = (SipProviderImpl) newStack.createSipProvider(lp);
                } else {
                    newProvider.addListeningPoint(lp);
                }
            }
            newProvider.addSipListener(this);
            contactUdp = contact("udp", config.advertisedHost());
            contactTcp = contact("tcp", config.advertisedHost());
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "sip-timeouts-" + config.address());
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            // in place before the stack starts: a request that arrives in its first moment is answered, not lost
            // (processRequest needs the provider; BootReadinessIT sends from the start of the process)
            this.timer = t;
            this.stack = newStack;
            this.provider = newProvider;
            newStack.start();
            if (config.transports().contains("udp")) {
                awaitUdpWorkers();
            }
        } catch (Exception e) {
            ScheduledThreadPoolExecutor t = timer;
            if (t != null) {
                t.shutdownNow();
            }
            timer = null;
            stack = null;
            provider = null;
            stopStack(newStack);
            throw new IllegalStateException(
                    "Cannot listen on " + config.address() + " " + config.transports() + ": " + e.getMessage(), e);
        }
        LOG.info(
                "SIP connector listening on {} {}, advertising {}",
                config.address(),
                config.transports(),
                config.automatic()
                        ? "the address of the interface towards each peer (this host's primary: "
                                + config.advertisedHost() + ")"
                        : config.advertisedHost());
    }

    /** Releases the stack, its sockets and threads; requests still waiting for an answer complete with 503. */
    public synchronized void stop() {
        SipStackImpl s = stack;
        if (s == null) {
            return;
        }
        stack = null;
        SipProviderImpl p = provider;
        provider = null;
        try {
            if (p != null) {
                p.removeSipListener(this);
            }
        } catch (RuntimeException e) {
            LOG.debug("removeSipListener failed", e);
        }
        stopStack(s);
        traffic.close();
        ScheduledThreadPoolExecutor t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
        for (ClientRequest cr : new ArrayList<>(pending)) {
            cr.completeLocally(503, "Service Unavailable");
        }
        pending.clear();
        awaitingAck.clear();
        requestHandler = null;
        responseHandler = null;
        LOG.info("SIP connector on {} stopped", config.address());
    }

    /**
     * Stops a JAIN-SIP stack and the threads its stop() leaves behind.
     * <ul>
     * <li>UDPMessageProcessor.stop() can fail half-way (ConcurrentModificationException on its worker list):
     * the processors it did not reach are still in the stack, so stop again.</li>
     * <li>The EventScanner thread (non-daemon, one per stack, unused with a re-entrant listener) is only
     * flagged to stop while it blocks on its queue: wake it with a no-op event so it exits.</li>
     * <li>UDP workers it did not interrupt block on their queue forever: interrupt them.</li>
     * </ul>
     */
    private void stopStack(SipStackImpl s) {
        EventScanner scanner = s.getEventScanner();
        try {
            s.stop();
        } catch (RuntimeException e) {
            LOG.debug("JAIN-SIP stop failed, stopping again", e);
            try {
                s.stop();
            } catch (RuntimeException again) {
                LOG.warn("JAIN-SIP stack {} did not stop cleanly", stackName, again);
            }
        }
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new IOExceptionEvent(this, config.host(), config.port(), "udp"), null));
        }
        interruptLeftoverWorkers();
    }

    private String udpWorkerPrefix() {
        return stackName + "-UDPMessageChannelThread-";
    }

    /**
     * JAIN-SIP creates the UDP worker threads asynchronously after the listening point starts, and its
     * stop() iterates the list being filled: wait until every worker exists so an early stop is safe.
     */
    private void awaitUdpWorkers() throws InterruptedException {
        String last = udpWorkerPrefix() + (config.threadPoolSize() - 1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Thread th : Thread.getAllStackTraces().keySet()) {
                if (th.getName().equals(last)) {
                    Thread.sleep(5); // the worker is added to the processor's list right after its thread starts
                    return;
                }
            }
            Thread.sleep(2);
        }
        LOG.debug("UDP workers of {} not seen after 5 s", stackName);
    }

    /** Workers JAIN-SIP's stop() did not reach wait on a queue forever: interrupt them (they exit when stopped). */
    private void interruptLeftoverWorkers() {
        String prefix = udpWorkerPrefix();
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith(prefix) && th.isAlive()) {
                th.interrupt();
            }
        }
    }

    public boolean isRunning() {
        return provider != null;
    }

    public synchronized void attach(RequestHandler handler) {
        if (requestHandler != null && requestHandler != handler) {
            throw new IllegalStateException(
                    "Requests on " + config.address() + " are already consumed by another route");
        }
        requestHandler = handler;
    }

    public synchronized void detach(RequestHandler handler) {
        if (requestHandler == handler) {
            requestHandler = null;
        }
    }

    public synchronized void attach(ResponseHandler handler) {
        if (responseHandler != null && responseHandler != handler) {
            throw new IllegalStateException(
                    "Responses on " + config.address() + " are already consumed by another route");
        }
        responseHandler = handler;
    }

    public synchronized void detach(ResponseHandler handler) {
        if (responseHandler == handler) {
            responseHandler = null;
        }
    }

    // ------------------------------------------------------------------ sending

    SipProviderImpl provider() {
        SipProviderImpl p = provider;
        if (p == null) {
            throw new IllegalStateException("SIP connector " + config.address() + " is not running");
        }
        return p;
    }

    /**
     * Our Contact for messages on {@code transport} to {@code peer} (host of the next hop or of the sender, null
     * unknown); a fresh copy the caller may attach to a message.
     */
    ContactHeader contactFor(String transport, String peer) {
        if (config.automatic()) {
            try {
                return contact(transport, config.advertisedFor(peer));
            } catch (ParseException e) {
                throw new IllegalStateException("Cannot build our Contact: " + e.getMessage(), e);
            }
        }
        return (ContactHeader) ("tcp".equalsIgnoreCase(transport) ? contactTcp : contactUdp).clone();
    }

    private ContactHeader contact(String transport, String host) throws ParseException {
        SipURI uri = ADDRESS_FACTORY.createSipURI(null, host);
        try {
            uri.setPort(config.port());
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
        if ("tcp".equals(transport)) {
            uri.setTransportParam("tcp");
        }
        return HEADER_FACTORY.createContactHeader(ADDRESS_FACTORY.createAddress(uri));
    }

    /**
     * Sends a request in a new client transaction (the stack retransmits it). The outcome arrives
     * through {@link ClientRequest.Callback}, exactly once, in a stack or timer thread.
     *
     * @throws ClientRequest.TransportFailure when the request could not be handed to the network (e.g. TCP connect
     * refused)
     * @throws SipException                   when the stack refuses the request
     */
    ClientRequest send(SIPRequest request, long timeoutMillis, ClientRequest.Callback callback, SipDialog dialogUsed)
            throws SipException, ClientRequest.TransportFailure {
        return send(request, timeoutMillis, callback, dialogUsed, null);
    }

    /**
     * As {@link #send(SIPRequest, long, ClientRequest.Callback, io.switchboard.sip.SipDialog)}, for a relayed request.
     */
    ClientRequest send(
            SIPRequest request,
            long timeoutMillis,
            ClientRequest.Callback callback,
            SipDialog dialogUsed,
            Consumer<SIPResponse> provisionalListener)
            throws SipException, ClientRequest.TransportFailure {
        SipProviderImpl p = provider();
        ClientTransaction ct;
        try {
            ct = p.getNewClientTransaction(request);
        } catch (TransactionUnavailableException e) {
            if (e.getCause() instanceof IOException) { // no connection to the next hop (TCP connect refused)
                throw new ClientRequest.TransportFailure(e.getMessage(), e);
            }
            throw e;
        }
        ClientRequest cr = new ClientRequest(this, request, ct, callback, dialogUsed);
        cr.provisionalListener = provisionalListener;
        ct.setApplicationData(cr);
        pending.add(cr);
        ScheduledThreadPoolExecutor t = timer;
        if (t != null && timeoutMillis > 0) {
            cr.timeoutTask = t.schedule(cr::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        try {
            ct.sendRequest();
        } catch (SipException e) {
            cr.abandon();
            if (e.getCause() instanceof IOException) {
                throw new ClientRequest.TransportFailure(e.getMessage(), e);
            }
            throw e;
        }
        requestsSent.increment();
        traffic.sent(request);
        return cr;
    }

    /** Retransmits {@code ctx}'s 2xx after {@code delayMillis}, and on, until its ACK arrives. */
    void awaitAck(ServerContext ctx, long delayMillis) {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            return;
        }
        awaitingAck.put(ctx.ackKey(), ctx);
        t.schedule(
                () -> {
                    long next = ctx.retransmit2xx();
                    if (next < 0) {
                        awaitingAck.remove(ctx.ackKey(), ctx);
                    } else {
                        awaitAck(ctx, next);
                    }
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    void forget(ClientRequest cr) {
        pending.remove(cr);
    }

    /** Sends a request without a transaction (ACK for a 2xx, CANCEL replacements are not sent this way). */
    void sendStateless(SIPRequest request) throws SipException {
        provider().sendRequest(request);
        requestsSent.increment();
        traffic.sent(request);
    }

    /** Sends a response outside any transaction. */
    void sendStateless(SIPResponse response) throws SipException {
        provider().sendResponse(response);
        responsesSent.increment();
        traffic.sent(response);
    }

    // ------------------------------------------------------------------ SipListener

    @Override
    public void processRequest(RequestEvent event) {
        SIPRequest request = (SIPRequest) event.getRequest();
        requestsReceived.increment();
        try {
            boolean open = serving.getAsBoolean();
            RequestHandler handler = open ? requestHandler : null;
            if (Request.ACK.equals(request.getMethod())) {
                ServerContext acked = awaitingAck.remove(ServerContext.ackKey(request));
                if (acked != null) {
                    acked.acked();
                }
                if (handler != null) {
                    handler.onAck(request);
                }
                return;
            }
            ServerTransaction st = event.getServerTransaction();
            if (st == null
                    && request.getToTag() == null
                    && config.answersStatelessly(
                            request.getMethod(), HeaderMapping.transport(request.getTopmostVia()))) {
                try {
                    request.checkHeaders(); // what getNewServerTransaction checks: 400 as for any request
                } catch (ParseException e) {
                    rejectStatelessly(request, new TransactionUnavailableException(e.getMessage(), e));
                    return;
                }
                ServerContext stateless = new ServerContext(this, null, request);
                if (handler == null) {
                    answerClosed(stateless, open);
                } else {
                    handler.onRequest(stateless);
                }
                return;
            }
            if (st == null) {
                try {
                    st = provider().getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException e) {
                    return; // a retransmission that raced the original: the transaction answers it
                } catch (TransactionUnavailableException e) {
                    rejectStatelessly(request, e);
                    return;
                }
            }
            ServerContext ctx = new ServerContext(this, st, request);
            st.setApplicationData(ctx);
            if (Request.CANCEL.equals(request.getMethod())) {
                cancelPendingInvite(ctx);
            }
            if (handler == null) {
                answerClosed(ctx, open);
                return;
            }
            handler.onRequest(ctx);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Failed to process SIP request {} {}",
                    request.getMethod(),
                    request.getCallId() == null ? "" : request.getCallId().getCallId(),
                    e);
        }
    }

    /** 503 to a request that no route takes: the platform is starting, or no consumer is on this connector. */
    private void answerClosed(ServerContext ctx, boolean open) {
        if (!open) {
            // RFC 3261 21.5.4: the platform is starting (docs/decisions.md 32); come back shortly
            ctx.respondUnavailable(ServingGate.WARNING, ServingGate.RETRY_AFTER_SECONDS);
        } else {
            ctx.respondWithWarning(503, null, "no route consumes requests on " + config.address());
        }
    }

    /**
     * RFC 3261 9.2 and 16.10: a CANCEL that matches an INVITE still waiting for its final response is answered 200
     * at once. A relayed INVITE (the proxy) is answered by its relay, which CANCELs every pending branch and sends
     * the caller's 487 only when they ended; any other INVITE gets 487 here. The CANCEL still goes to the route
     * (already answered); a CANCEL that matches nothing is left to the route.
     */
    private void cancelPendingInvite(ServerContext cancel) {
        SipStackImpl s = stack;
        if (s == null) {
            return;
        }
        Object invite = s.findCancelTransaction(cancel.request, true);
        if (invite instanceof ServerTransaction inviteTx
                && inviteTx.getApplicationData() instanceof ServerContext pending
                && !pending.finalResponseSent()) {
            cancel.respond(200, null, null, null, null);
            ServerContext.Relay relay = pending.relay;
            if (relay == null) {
                try {
                    pending.respond(487, null, null, null, null);
                } catch (IllegalStateException answeredMeanwhile) {
                    LOG.debug("INVITE answered while being cancelled", answeredMeanwhile);
                }
                // a relay that started meanwhile finds the INVITE answered: it only CANCELs its branches
                relay = pending.relay;
            }
            if (relay != null) {
                relay.cancelledByCaller(cancel.request);
            }
        }
    }

    /** True when this connector's stack has an open {@code transport} connection with {@code address:port}. */
    boolean connectionOpen(String transport, String address, int port) {
        return OpenConnections.isOpen(provider, transport, address, port);
    }

    /** Runs {@code task} after {@code delayMillis} on the connector's timer thread; null when stopped. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        ScheduledThreadPoolExecutor t = timer;
        return t == null ? null : t.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void rejectStatelessly(SIPRequest request, TransactionUnavailableException e) {
        int status;
        String reason;
        if (e.getCause() instanceof ParseException) {
            malformed.increment();
            traffic.parseError(
                    request.getTopmostVia() == null
                            ? null
                            : request.getTopmostVia().getTransport());
            status = 400;
            reason = "Bad Request (" + e.getMessage() + ")";
        } else {
            status = 503;
            reason = null;
        }
        try {
            SIPResponse response = request.createResponse(status, reason);
            if (response.getTo() != null && response.getTo().getTag() == null) {
                response.getTo().setTag(Tags.newTag());
            }
            sendStateless(response);
        } catch (Exception ex) {
            LOG.debug("Could not reject request statelessly", ex);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        onResponse((SIPResponse) event.getResponse(), event.getClientTransaction());
    }

    /** A response from the network, with its client transaction or none (a stray 2xx retransmission, say). */
    void onResponse(SIPResponse response, ClientTransaction ct) {
        responsesReceived.increment();
        try {
            ResponseHandler handler = responseHandler;
            if (handler != null) {
                handler.onResponse(response);
            }
            ClientRequest cr = ct == null ? null : (ClientRequest) ct.getApplicationData();
            int status = response.getStatusCode();
            if (cr == null && strayResponses.forward(response)) {
                return; // a relayed response (2xx retransmission) after its client transaction ended
            }
            boolean relayed = cr != null && cr.provisionalListener != null;
            if (!relayed
                    && status >= 200
                    && status < 300
                    && response.getCSeq() != null
                    && Request.INVITE.equals(response.getCSeq().getMethod())) {
                Dialogs.sendAck(this, response, cr);
            }
            if (cr != null) {
                if (status < 200) {
                    cr.provisionalReceived = true;
                    if (relayed) {
                        cr.provisionalListener.accept(response);
                    }
                } else {
                    cr.complete(response);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to process SIP response {}", response.getStatusCode(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            if (event.isServerTransaction()) {
                return;
            }
            ClientTransaction ct = event.getClientTransaction();
            if (ct != null
                    && event.getTimeout() == Timeout.TRANSACTION
                    && ct.getApplicationData() instanceof ClientRequest cr) {
                cr.completeLocally(408, "Request Timeout");
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to process SIP timeout", e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        if (event.getSource() instanceof ClientTransaction ct && ct.getApplicationData() instanceof ClientRequest cr) {
            cr.completeLocally(503, "Service Unavailable");
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction outside the transaction itself
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no JAIN-SIP dialogs are created
    }

    /** Server transactions the stack holds now (answered ones linger for Timer J/H). */
    int serverTransactionCount() {
        SipStackImpl s = stack;
        return s == null ? 0 : s.getServerTransactionTableSize();
    }

    // ------------------------------------------------------------------ SipStatistics

    @Override
    public String address() {
        return config.address();
    }

    @Override
    public List<String> transports() {
        return config.transports();
    }

    @Override
    public long requestsReceived() {
        return requestsReceived.sum();
    }

    @Override
    public long responsesSent() {
        return responsesSent.sum();
    }

    @Override
    public long requestsSent() {
        return requestsSent.sum();
    }

    @Override
    public long responsesReceived() {
        return responsesReceived.sum();
    }

    @Override
    public long malformedMessages() {
        return malformed.sum();
    }

    @Override
    public long droppedRequests() {
        return dropped.sum();
    }

    @Override
    public String toString() {
        return "SipConnector[" + config.address() + " " + config.transports() + "]";
    }
}
