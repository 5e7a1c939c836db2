package io.switchboard.ussd.internal;

import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import io.switchboard.xml.XmlException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UE-initiated sessions (TS 24.390 5.1.2): which INVITEs are USSD requests, the 200 at once (Recv-Info, SDP with
 * every port 0) with the first menu step started meanwhile, the ACK that lets its answer out, and CANCEL. From the
 * ACK on the session is {@link UssdSteps}' like any other.
 */
final class UeInitiatedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(UeInitiatedSessions.class);

    private final UssdSessions sessions;
    private final UssdSteps steps;
    private final UssdCodec codec;
    private final Supplier<UssdConfig> config;

    UeInitiatedSessions(UssdSessions sessions, UssdSteps steps, UssdCodec codec, Supplier<UssdConfig> config) {
        this.sessions = sessions;
        this.steps = steps;
        this.codec = codec;
        this.config = config;
    }

    /**
     * True for a new INVITE (no To tag) that is a USSD request: a ussd-data body, bare or in multipart/mixed, or a
     * {@code user=dialstring} Request-URI. A {@code Recv-Info} alone is not enough: phones announce it on calls.
     */
    static boolean isUssdInvite(Message m) {
        if (m.getHeader(SipHeaders.TO_TAG) != null) {
            return false;
        }
        if (UssdCodec.dialString(m.getHeader(SipHeaders.REQUEST_URI, String.class)) != null) {
            return true;
        }
        return hasUssdBody(
                m.getHeader(SipHeaders.CONTENT_TYPE, String.class), m.getHeader(SipHeaders.MESSAGE, SipMessage.class));
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
        String text = new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (!text.contains(UssdCodec.CONTENT_TYPE)) {
            return false;
        }
        return UssdCodec.parts(contentType, body).ussd() != null;
    }

    void invite(Exchange exchange) {
        Message m = exchange.getIn();
        SipMessage msg = m.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String callId = m.getHeader(SipHeaders.CALL_ID, String.class);
        String contentType = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        UssdCodec.Parts parts = UssdCodec.parts(contentType, msg == null ? null : msg.body());
        String dialled = UssdCodec.dialString(m.getHeader(SipHeaders.REQUEST_URI, String.class));
        if (parts.ussd() == null && dialled == null) {
            // not a USSD request after all (serves() said it was: a route called us anyway)
            SipAnswers.answer(m, 415, "Unsupported Media Type");
            m.setHeader(SipHeaders.HEADER_PREFIX + "Accept", UssdReplies.ACCEPT);
            return;
        }
        SipDialog dialog = m.getHeader(SipHeaders.DIALOG, SipDialog.class);
        if (dialog == null || dialog.remoteTag() == null) {
            SipAnswers.answer(m, 400, "Missing From tag");
            return;
        }
        UssdConfig c = config.get();
        if (sessions.size() >= c.maxSessions()) {
            SipAnswers.answer(m, 486, "USSD Busy");
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
        String ussdString =
                request != null && request.text() != null && !request.text().isBlank()
                        ? request.text().trim()
                        : dialled;
        if (bad == null && ussdString == null) {
            bad = "no ussd-string";
        }
        String language = request != null && request.language() != null ? request.language() : c.language();
        UssdSession s = new UssdSession(
                callId,
                UssdSession.Origin.MOBILE,
                subscriber(msg, m),
                ussdString,
                language,
                c.menuRoute(),
                sessions.now());
        s.dialog = dialog;
        Long cseq = m.getHeader(SipHeaders.CSEQ, Long.class);
        s.remoteCSeq = cseq == null ? 0 : cseq;
        if (!sessions.addIfAbsent(s)) {
            SipAnswers.answer(m, 482, "Loop Detected");
            return;
        }
        answer(exchange, s, parts, bad, c);
    }

    /** The 200 (through the server exchange, at once), then the first step or the error-code 3 for the ACK. */
    private void answer(Exchange exchange, UssdSession s, UssdCodec.Parts parts, String bad, UssdConfig c) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Recv-Info", List.of(UssdCodec.INFO_PACKAGE));
        headers.put("Allow", List.of(UssdReplies.ALLOW));
        headers.put("Accept", List.of(UssdReplies.ACCEPT));
        String sdp = parts.sdp() == null ? null : UssdCodec.sdpAnswer(parts.sdp());
        SipServerExchange sx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        synchronized (s) {
            try {
                exchange.setProperty(SipHeaders.REPLY_DEFERRED, true);
                sx.respond(
                        200,
                        null,
                        headers,
                        sdp == null ? null : "application/sdp",
                        sdp == null ? null : sdp.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // a CANCEL won the race (487 sent), or the response could not be built
                LOG.debug("USSD INVITE {} not answered: {}", s.id, e.getMessage());
                UssdMeters.ended(s, UssdMeters.CANCELLED);
                sessions.remove(s);
                return;
            }
            s.state = UssdSession.State.ANSWERED;
            steps.arm(s, c.ackTimeoutMillis());
            if (bad != null) {
                // TS 24.390 / RestComm: a bad ussd-data is answered in the dialog with error-code 3
                LOG.info(
                        "USSD session {} from {}: bad ussd-data in the INVITE ({}): ending with error-code 3",
                        s.id,
                        s.subscriber,
                        bad);
                s.pending = MenuAnswer.error(UssdMessage.ERROR_UNEXPECTED_DATA);
            } else {
                steps.runMenu(s, null);
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

    /** The ACK of our 200: a menu answer that came before it goes out now (never a BYE before the ACK). */
    void ack(Message m) {
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.lastActivity = sessions.now();
            if (s.state != UssdSession.State.ANSWERED || s.acked) {
                return;
            }
            s.acked = true;
            s.cancelTimer();
            if (s.pending != null) {
                MenuAnswer a = s.pending;
                s.pending = null;
                steps.deliver(s, a);
            } else {
                s.state = UssdSession.State.MENU;
            }
        }
    }

    void cancel(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        SipServerExchange sx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        boolean answeredByComponent = sx != null && sx.finalResponseSent();
        if (s != null) {
            synchronized (s) {
                if (s.state == null) {
                    // our 200 never went out: the sip component answered the CANCEL and sent 487
                    UssdMeters.ended(s, UssdMeters.CANCELLED);
                    sessions.remove(s);
                    s.state = UssdSession.State.ENDING;
                }
            }
        }
        if (!answeredByComponent) {
            // the INVITE was answered 200 already: nothing left to cancel (RFC 3261 9.2); the UE will BYE
            SipAnswers.answer(m, 481, null);
        }
    }
}
