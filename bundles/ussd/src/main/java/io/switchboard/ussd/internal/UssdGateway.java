package io.switchboard.ussd.internal;

import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdSessionInfo;
import io.switchboard.xml.XmlException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USSD application server of TS 24.390, independent of OSGi: sessions by Call-ID, the SIP side of each
 * (200 with Recv-Info, INFO in the dialog, BYE with the final text or an error-code, one INFO outstanding per
 * direction, 469 for INFOs of another package, timeouts) and the menu route called once per step on a worker
 * thread, never on a SIP thread.
 */
final class UssdGateway {

    private static final Logger LOG = LoggerFactory.getLogger(UssdGateway.class);

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";
    static final String ACCEPT = "application/sdp, application/vnd.3gpp.ussd+xml";

    /** ussd-data error-code values (TS 24.390; RestComm SipUssdErrorCode). */
    static final int ERROR_UNSPECIFIED = 1;
    static final int ERROR_UNEXPECTED_DATA = 3;

    /** Sends requests through the sip component. */
    interface Sender {
        /** An in-dialog request built from {@code dialog} (tags, CSeq + 1, Request-URI = remote target, route set). */
        void inDialog(SipDialog dialog, String method, Map<String, String> headers, String contentType, byte[] body, IntConsumer done);

        /** An out-of-dialog INVITE; {@code done} gets the final status and, for a 2xx, the UAC dialog. */
        void invite(String requestUri, String from, String to, String callId, Map<String, String> headers, String contentType,
                    byte[] body, InviteDone done);

        interface InviteDone {
            void done(int status, String reason, SipDialog dialog);
        }
    }

    /** Calls the menu route of one step, synchronously. */
    interface Menu {
        MenuAnswer call(String route, MenuStep step) throws Exception;
    }

    /** The input of one menu step. {@code abortReason} non-null: the session is over, the answer is ignored. */
    record MenuStep(String sessionId, String subscriber, String ussdString, String language, String input, int step,
                    boolean mobile, String abortReason) {
    }

    /** What the menu route answered: a text and whether the session goes on, or an error-code that ends it. */
    record MenuAnswer(String text, boolean continues, String language, Integer errorCode) {
        static MenuAnswer error(int code) {
            return new MenuAnswer(null, false, null, code);
        }
    }

    private final Map<String, UssdSession> sessions = new ConcurrentHashMap<>();
    private final UssdCodec codec = new UssdCodec();
    private final Sender sender;
    private final Menu menu;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Function<String, List<String>> location;
    /** AoR to whether it is a subscriber; null when the store is not known. */
    private volatile java.util.function.Predicate<String> subscribers;
    private final String advertisedHost;
    private final LongSupplier clock;
    private volatile UssdConfig config;

    /**
     * @param location       AoR ({@code user@domain}) to its registered contact URIs, newest first
     * @param advertisedHost our address, for the SDP of network-initiated INVITEs and their Call-IDs
     */
    UssdGateway(UssdConfig config, Sender sender, Menu menu, ScheduledExecutorService timer, ExecutorService workers,
                Function<String, List<String>> location, String advertisedHost, LongSupplier clock) {
        this.config = config;
        this.sender = sender;
        this.menu = menu;
        this.timer = timer;
        this.workers = workers;
        this.location = location;
        this.advertisedHost = advertisedHost;
        this.clock = clock;
    }

    /** Tells unknown subscribers from unregistered ones in the errors of {@link #start}. */
    void subscribers(java.util.function.Predicate<String> known) {
        subscribers = known;
    }

    UssdConfig config() {
        return config;
    }

    /** New settings apply to the next timer armed and the next step (a running session keeps its menu route). */
    void configure(UssdConfig c) {
        config = c;
    }

    int size() {
        return sessions.size();
    }

    boolean contains(String callId) {
        return callId != null && sessions.containsKey(callId);
    }

    List<UssdSessionInfo> sessions() {
        long now = clock.getAsLong();
        List<UssdSessionInfo> out = new ArrayList<>(sessions.size());
        for (UssdSession s : sessions.values()) {
            out.add(s.info(now));
        }
        out.sort(Comparator.comparingLong(UssdSessionInfo::startedAt).thenComparing(UssdSessionInfo::id));
        return out;
    }

    // ------------------------------------------------------------------ which requests are ours

    /**
     * True for a request the USSD gateway must handle: a new INVITE that is a USSD request (a ussd-data body, bare
     * or in multipart/mixed, or a {@code user=dialstring} Request-URI), and ACK, INFO, BYE, CANCEL of a live session.
     */
    boolean serves(Exchange exchange) {
        Message m = exchange.getIn();
        String method = m.getHeader(SipHeaders.METHOD, String.class);
        if (method == null) {
            return false;
        }
        switch (method) {
            case "INVITE":
                if (m.getHeader(SipHeaders.TO_TAG) != null) {
                    return false;
                }
                if (UssdCodec.dialString(m.getHeader(SipHeaders.REQUEST_URI, String.class)) != null) {
                    return true;
                }
                return hasUssdBody(m.getHeader(SipHeaders.CONTENT_TYPE, String.class), m.getHeader(SipHeaders.MESSAGE, SipMessage.class));
            case "ACK", "INFO", "BYE", "CANCEL":
                return contains(m.getHeader(SipHeaders.CALL_ID, String.class));
            default:
                return false;
        }
    }

    private static boolean hasUssdBody(String contentType, SipMessage msg) {
        String type = UssdCodec.mediaType(contentType);
        if (type.equals(UssdCodec.CONTENT_TYPE)) {
            return true;
        }
        if (!type.equals("multipart/mixed") || msg == null) {
            return false;
        }
        byte[] body = msg.body();
        // cheap test first: most multipart INVITEs are not USSD
        if (!new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(UssdCodec.CONTENT_TYPE)) {
            return false;
        }
        return UssdCodec.parts(contentType, body).ussd() != null;
    }

    /** Handles one request of the sip consumer (a request {@link #serves} said is ours). */
    void handle(Exchange exchange) {
        Message m = exchange.getIn();
        String method = m.getHeader(SipHeaders.METHOD, String.class);
        switch (method == null ? "" : method) {
            case "INVITE" -> invite(exchange);
            case "ACK" -> ack(m);
            case "INFO" -> info(exchange);
            case "BYE" -> bye(exchange);
            case "CANCEL" -> cancel(exchange);
            default -> {
                m.setHeader(SipHeaders.STATUS, 405);
                m.setHeader(SipHeaders.HEADER_PREFIX + "Allow", ALLOW);
            }
        }
    }

    // ------------------------------------------------------------------ UE-initiated

    private void invite(Exchange exchange) {
        Message m = exchange.getIn();
        SipMessage msg = m.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String callId = m.getHeader(SipHeaders.CALL_ID, String.class);
        String contentType = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        UssdCodec.Parts parts = UssdCodec.parts(contentType, msg == null ? null : msg.body());
        String dialled = UssdCodec.dialString(m.getHeader(SipHeaders.REQUEST_URI, String.class));
        if (parts.ussd() == null && dialled == null) {
            // not a USSD request after all (serves() said it was: a route called us anyway)
            reply(m, 415, "Unsupported Media Type");
            m.setHeader(SipHeaders.HEADER_PREFIX + "Accept", ACCEPT);
            return;
        }
        SipDialog dialog = m.getHeader(SipHeaders.DIALOG, SipDialog.class);
        if (dialog == null || dialog.remoteTag() == null) {
            reply(m, 400, "Missing From tag");
            return;
        }
        UssdConfig c = config;
        if (sessions.size() >= c.maxSessions()) {
            reply(m, 486, "USSD Busy");
            return;
        }
        UssdMessage request = null;
        String bad = null;
        if (parts.ussd() != null) {
            try {
                request = codec.parse(parts.ussd());
            } catch (XmlException e) {
                bad = e.getMessage();
            }
        }
        String ussdString = request != null && request.text() != null && !request.text().isBlank() ? request.text().trim() : dialled;
        if (bad == null && ussdString == null) {
            bad = "no ussd-string";
        }
        String language = request != null && request.language() != null ? request.language() : c.language();
        long now = clock.getAsLong();
        UssdSession s = new UssdSession(callId, true, subscriber(msg, m), ussdString, language, c.menuRoute(), false, now);
        s.dialog = dialog;
        Long cseq = m.getHeader(SipHeaders.CSEQ, Long.class);
        s.remoteCSeq = cseq == null ? 0 : cseq;
        if (sessions.putIfAbsent(callId, s) != null) {
            reply(m, 482, "Loop Detected");
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Recv-Info", List.of(UssdCodec.INFO_PACKAGE));
        headers.put("Allow", List.of(ALLOW));
        headers.put("Accept", List.of(ACCEPT));
        String sdp = parts.sdp() == null ? null : UssdCodec.sdpAnswer(parts.sdp());
        SipServerExchange sx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        synchronized (s) {
            try {
                exchange.setProperty(SipHeaders.REPLY_DEFERRED, true);
                sx.respond(200, null, headers, sdp == null ? null : "application/sdp",
                        sdp == null ? null : sdp.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // a CANCEL won the race (487 sent), or the response could not be built
                LOG.debug("USSD INVITE {} not answered: {}", callId, e.getMessage());
                sessions.remove(callId, s);
                return;
            }
            s.state = UssdSession.State.ANSWERED;
            arm(s, c.ackTimeoutMillis());
            if (bad != null) {
                // TS 24.390 / RestComm: a bad ussd-data is answered in the dialog with error-code 3 (unexpected data value)
                LOG.info("USSD session {} from {}: bad ussd-data in the INVITE ({}): ending with error-code 3", callId, s.subscriber, bad);
                s.pending = MenuAnswer.error(ERROR_UNEXPECTED_DATA);
            } else {
                runMenu(s, null);
            }
        }
    }

    /** {@code user@domain} of the P-Asserted-Identity (the network-asserted user), else of the From. */
    private static String subscriber(SipMessage msg, Message m) {
        String pai = msg == null ? null : msg.header("P-Asserted-Identity");
        String aor = pai == null ? null : SipAddresses.aor(pai.split(",")[0]);
        if (aor == null) {
            aor = SipAddresses.aor(m.getHeader(SipHeaders.FROM_URI, String.class));
        }
        return aor == null ? m.getHeader(SipHeaders.FROM_URI, String.class) : aor;
    }

    private void ack(Message m) {
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.lastActivity = clock.getAsLong();
            if (s.state != UssdSession.State.ANSWERED || s.acked) {
                return;
            }
            s.acked = true;
            s.cancelTimer();
            if (s.pending != null) {
                MenuAnswer a = s.pending;
                s.pending = null;
                deliver(s, a);
            } else {
                s.state = UssdSession.State.MENU;
            }
        }
    }

    private void info(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            reply(m, 481, null);
            return;
        }
        SipMessage msg = m.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String pkg = msg == null ? null : msg.header("Info-Package");
        if (pkg == null || !UssdCodec.INFO_PACKAGE.equalsIgnoreCase(pkg.split(";")[0].trim())) {
            // RFC 6086 4.2.2: an INFO for a package we did not announce; the 469 says which one we take
            reply(m, 469, "Bad Info Package");
            m.setHeader(SipHeaders.HEADER_PREFIX + "Recv-Info", UssdCodec.INFO_PACKAGE);
            return;
        }
        long cseq = m.getHeader(SipHeaders.CSEQ, 0L, Long.class);
        String contentType = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        byte[] body = msg.body();
        synchronized (s) {
            if (s.dialog != null && !s.dialog.localTag().equals(m.getHeader(SipHeaders.TO_TAG, String.class))) {
                reply(m, 481, null);
                return;
            }
            if (cseq <= s.remoteCSeq) {
                reply(m, 500, "CSeq Out Of Order"); // RFC 3261 12.2.2
                return;
            }
            s.remoteCSeq = cseq;
            s.lastActivity = clock.getAsLong();
            // 200 (no body) first, then the content (TS 24.390 5.1.2: the INFO response carries no body)
            exchange.setProperty(SipHeaders.REPLY_DEFERRED, true);
            exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class).respond(200, null, null, null, null);
            if (s.state == UssdSession.State.ENDING) {
                return;
            }
            if (s.dialog == null) {
                // network-initiated: the UE's answer overtook our view of its 2xx; handled once the 2xx is in
                s.stashedType = contentType;
                s.stashedBody = body;
                return;
            }
            userInfo(s, contentType, body);
        }
    }

    /** The content of a UE INFO, once answered. Caller holds the session's monitor. */
    private void userInfo(UssdSession s, String contentType, byte[] body) {
        if (s.state != UssdSession.State.WAITING_USER) {
            // TS 24.390 5.1.2.1: one INFO outstanding per direction; the UE sent a second one before ours
            LOG.info("USSD session {}: INFO while none of ours was outstanding (state {}): ignored", s.id, s.state);
            return;
        }
        s.cancelTimer();
        if (!UssdCodec.CONTENT_TYPE.equals(UssdCodec.mediaType(contentType))) {
            LOG.info("USSD session {}: INFO with Content-Type {} instead of {}: ending with error-code 3", s.id, contentType,
                    UssdCodec.CONTENT_TYPE);
            end(s, UssdMessage.error(s.language, ERROR_UNEXPECTED_DATA));
            return;
        }
        UssdMessage in;
        try {
            in = codec.parse(body);
        } catch (XmlException e) {
            LOG.info("USSD session {}: bad ussd-data in an INFO ({}): ending with error-code 3", s.id, e.getMessage());
            end(s, UssdMessage.error(s.language, ERROR_UNEXPECTED_DATA));
            return;
        }
        if (in.language() != null) {
            s.language = in.language();
        }
        if (in.kind() == UssdMessage.Kind.NOTIFY || s.notifyOnly) {
            // the acknowledgement of our notification: nothing more to say
            end(s, null);
            return;
        }
        if (in.errorCode() != null && (in.text() == null || in.text().isEmpty())) {
            LOG.info("USSD session {}: the UE reports error-code {}", s.id, in.errorCode());
            end(s, null);
            abort(s, "ue-error");
            return;
        }
        if (in.text() == null) {
            LOG.info("USSD session {}: INFO without ussd-string: ending with error-code 3", s.id);
            end(s, UssdMessage.error(s.language, ERROR_UNEXPECTED_DATA));
            return;
        }
        s.state = UssdSession.State.MENU;
        runMenu(s, in.text());
    }

    private void bye(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.remove(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            reply(m, 481, null);
            return;
        }
        reply(m, 200, null);
        synchronized (s) {
            s.cancelTimer();
            boolean wasEnding = s.state == UssdSession.State.ENDING;
            s.state = UssdSession.State.ENDING;
            if (!wasEnding) {
                LOG.debug("USSD session {} ended by the UE at step {}", s.id, s.step);
                abort(s, "bye");
            }
        }
    }

    private void cancel(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        SipServerExchange sx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        boolean answeredByComponent = sx != null && sx.finalResponseSent();
        if (s != null) {
            synchronized (s) {
                if (s.state == null) {
                    // our 200 never went out: the sip component answered the CANCEL and sent 487
                    sessions.remove(s.id, s);
                    s.state = UssdSession.State.ENDING;
                }
            }
        }
        if (!answeredByComponent) {
            // the INVITE was answered 200 already: nothing left to cancel (RFC 3261 9.2); the UE will BYE
            reply(m, 481, null);
        }
    }

    // ------------------------------------------------------------------ network-initiated

    CompletableFuture<UssdSessionInfo> start(String subscriber, String text, boolean notify, String language, String menuRoute) {
        CompletableFuture<UssdSessionInfo> result = new CompletableFuture<>();
        if (subscriber == null || subscriber.isBlank()) {
            result.completeExceptionally(new UssdException(400, "subscriber is required"));
            return result;
        }
        if (text == null || text.isEmpty()) {
            result.completeExceptionally(new UssdException(400, "text is required"));
            return result;
        }
        String sub = subscriber.trim();
        boolean isUri = sub.regionMatches(true, 0, "sip:", 0, 4);
        String aor = isUri ? SipAddresses.aor(sub) : (sub.indexOf('@') > 0 ? SipAddresses.aor("sip:" + sub) : null);
        if (aor == null) {
            result.completeExceptionally(new UssdException(400, "subscriber must be user@domain or a sip: URI: " + sub));
            return result;
        }
        List<String> contacts = location.apply(aor);
        String target;
        if (contacts != null && !contacts.isEmpty()) {
            target = contacts.get(0);
        } else if (isUri) {
            target = sub;
        } else {
            java.util.function.Predicate<String> known = subscribers;
            boolean unknown = known != null && !known.test(aor);
            result.completeExceptionally(new UssdException(404, unknown ? "unknown subscriber " + aor : aor + " is not registered"));
            return result;
        }
        UssdConfig c = config;
        if (sessions.size() >= c.maxSessions()) {
            result.completeExceptionally(new UssdException(503, "too many USSD sessions (" + c.maxSessions() + ")"));
            return result;
        }
        String lang = language == null || language.isBlank() ? c.language() : language.trim();
        String callId = UUID.randomUUID() + "@" + (advertisedHost.indexOf(':') >= 0 ? "[" + advertisedHost + "]" : advertisedHost);
        UssdSession s = new UssdSession(callId, false, aor, text, lang, menuRoute == null || menuRoute.isBlank() ? c.menuRoute() : menuRoute,
                notify, clock.getAsLong());
        s.state = UssdSession.State.INVITING;
        sessions.put(callId, s);
        byte[] ussd = codec.write(new UssdMessage(lang, text, null, notify ? UssdMessage.Kind.NOTIFY : UssdMessage.Kind.REQUEST));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Recv-Info", UssdCodec.INFO_PACKAGE);
        headers.put("Allow", ALLOW);
        headers.put("Accept", ACCEPT);
        try {
            sender.invite(target, c.asUri(), "sip:" + aor, callId, headers, UssdCodec.multipartContentType(),
                    UssdCodec.multipart(UssdCodec.sdpOffer(advertisedHost), ussd), (status, reason, dialog) -> {
                        synchronized (s) {
                            if (status >= 200 && status < 300 && dialog != null && s.state == UssdSession.State.INVITING) {
                                s.dialog = dialog;
                                s.state = UssdSession.State.WAITING_USER;
                                s.lastActivity = clock.getAsLong();
                                arm(s, config.sessionTimeoutMillis());
                                result.complete(s.info(clock.getAsLong()));
                                if (s.stashedBody != null || s.stashedType != null) {
                                    String t = s.stashedType;
                                    byte[] b = s.stashedBody;
                                    s.stashedType = null;
                                    s.stashedBody = null;
                                    userInfo(s, t, b);
                                }
                                return;
                            }
                            sessions.remove(callId, s);
                            if (status >= 200 && status < 300 && dialog != null) {
                                // the UE hung up (BYE) before we saw its 2xx: the session is over already
                                result.completeExceptionally(new UssdException(502, aor + " ended the session at once"));
                                return;
                            }
                            s.state = UssdSession.State.ENDING;
                            int http = status == 408 ? 504 : 502;
                            result.completeExceptionally(new UssdException(http, aor + " did not accept the USSD session: "
                                    + status + (reason == null ? "" : " " + reason)));
                        }
                    });
        } catch (RuntimeException e) {
            sessions.remove(callId, s);
            result.completeExceptionally(new UssdException(503, "cannot send the INVITE: " + e.getMessage()));
        }
        return result;
    }

    // ------------------------------------------------------------------ steps, answers, ends

    /** Runs the menu route for the next step on a worker; its answer (or its failure: error-code 1) comes back in {@link #answered}. */
    private void runMenu(UssdSession s, String input) {
        s.step++;
        MenuStep step = new MenuStep(s.id, s.subscriber, s.ussdString, s.language, input, s.step, s.mobile, null);
        String route = s.menuRoute;
        CompletableFuture<MenuAnswer> f;
        try {
            f = CompletableFuture.supplyAsync(() -> {
                try {
                    return menu.call(route, step);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.orTimeout(config.routeTimeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((a, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                LOG.warn("USSD session {} step {}: menu route {} failed ({}): ending with error-code 1", s.id, step.step(), route,
                        cause instanceof java.util.concurrent.TimeoutException ? "no answer within " + config.routeTimeoutMillis() + " ms" : cause.toString());
                answered(s, MenuAnswer.error(ERROR_UNSPECIFIED));
            } else {
                answered(s, a);
            }
        });
    }

    private void answered(UssdSession s, MenuAnswer a) {
        synchronized (s) {
            if (s.state == UssdSession.State.ENDING || sessions.get(s.id) != s) {
                return; // the UE hung up or the session timed out meanwhile
            }
            if (s.mobile && !s.acked) {
                s.pending = a; // goes out with the ACK
                return;
            }
            deliver(s, a);
        }
    }

    /** Sends the route's answer: an INFO when the session goes on, else the BYE. Caller holds the monitor. */
    private void deliver(UssdSession s, MenuAnswer a) {
        String lang = a.language() != null ? a.language() : s.language;
        if (a.errorCode() != null) {
            end(s, UssdMessage.error(lang, a.errorCode()));
            return;
        }
        String text = a.text() == null ? "" : a.text();
        if (!a.continues()) {
            end(s, new UssdMessage(lang, text, null, UssdMessage.Kind.PLAIN));
            return;
        }
        s.state = UssdSession.State.WAITING_USER;
        s.lastActivity = clock.getAsLong();
        arm(s, config.sessionTimeoutMillis());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Info-Package", UssdCodec.INFO_PACKAGE);
        headers.put("Content-Disposition", "info-package");
        byte[] body = codec.write(new UssdMessage(lang, text, null, UssdMessage.Kind.REQUEST));
        try {
            sender.inDialog(s.dialog, "INFO", headers, UssdCodec.CONTENT_TYPE, body, status -> {
                if (status >= 300) {
                    infoRefused(s, status);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("USSD session {}: cannot send the INFO: {}", s.id, e.getMessage());
            sessions.remove(s.id, s);
            s.state = UssdSession.State.ENDING;
            s.cancelTimer();
        }
    }

    /** The UE refused our INFO (481: the dialog is gone; anything else: end it with error-code 1). */
    private void infoRefused(UssdSession s, int status) {
        synchronized (s) {
            if (s.state == UssdSession.State.ENDING) {
                return;
            }
            LOG.info("USSD session {}: the UE answered our INFO with {}", s.id, status);
            if (status == 481) {
                sessions.remove(s.id, s);
                s.state = UssdSession.State.ENDING;
                s.cancelTimer();
                abort(s, "refused");
            } else {
                end(s, UssdMessage.error(s.language, ERROR_UNSPECIFIED));
                abort(s, "refused");
            }
        }
    }

    /** BYE with {@code last} as its body (none when null), and the session is gone. Caller holds the monitor. */
    private void end(UssdSession s, UssdMessage last) {
        s.state = UssdSession.State.ENDING;
        s.cancelTimer();
        sessions.remove(s.id, s);
        byte[] body = last == null ? null : codec.write(last);
        try {
            sender.inDialog(s.dialog, "BYE", Map.of(), body == null ? null : UssdCodec.CONTENT_TYPE, body, status -> {
                if (status >= 300) {
                    LOG.debug("USSD session {}: BYE answered {}", s.id, status);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("USSD session {}: cannot send the BYE: {}", s.id, e.getMessage());
        }
    }

    /** Tells the menu route the session is over ({@code UssdAborted}); its answer is ignored. */
    private void abort(UssdSession s, String reason) {
        MenuStep step = new MenuStep(s.id, s.subscriber, s.ussdString, s.language, null, s.step, s.mobile, reason);
        String route = s.menuRoute;
        try {
            workers.execute(() -> {
                try {
                    menu.call(route, step);
                } catch (Exception e) {
                    LOG.debug("USSD session {}: menu route {} failed on the abort call: {}", s.id, route, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("USSD session {}: no worker for the abort call", s.id);
        }
    }

    // ------------------------------------------------------------------ timers

    /** (Re)arms the session's single timer. Caller holds the monitor. */
    private void arm(UssdSession s, long millis) {
        s.cancelTimer();
        try {
            s.timer = timer.schedule(() -> expired(s), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("USSD timer stopped", e);
        }
    }

    private void expired(UssdSession s) {
        synchronized (s) {
            if (sessions.get(s.id) != s || (s.state != UssdSession.State.ANSWERED && s.state != UssdSession.State.WAITING_USER)) {
                return;
            }
            LOG.info("USSD session {} of {} timed out in state {} (step {}): BYE with error-code 1", s.id, s.subscriber, s.state, s.step);
            s.timer = null;
            end(s, UssdMessage.error(s.language, ERROR_UNSPECIFIED));
            abort(s, "timeout");
        }
    }

    /** Ends every session (bundle stop): BYE with error-code 1 to each confirmed one. */
    void shutdown() {
        for (UssdSession s : new ArrayList<>(sessions.values())) {
            synchronized (s) {
                if (s.dialog != null && s.state != UssdSession.State.INVITING && s.state != UssdSession.State.ENDING) {
                    end(s, UssdMessage.error(s.language, ERROR_UNSPECIFIED));
                } else {
                    sessions.remove(s.id, s);
                    s.cancelTimer();
                }
            }
        }
    }

    private static void reply(Message m, int status, String reason) {
        m.setHeader(SipHeaders.STATUS, status);
        if (reason != null) {
            m.setHeader(SipHeaders.REASON, reason);
        }
    }
}
