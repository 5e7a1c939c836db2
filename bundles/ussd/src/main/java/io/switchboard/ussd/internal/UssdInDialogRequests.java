package io.switchboard.ussd.internal;

import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UE's INFO and BYE in a session's dialog, whichever side opened it: the SIP checks and answers (469 for
 * another info package, 481, 500 for an old CSeq, 200 before the content is read), then the content goes to
 * {@link UssdSteps}.
 */
final class UssdInDialogRequests {

    private static final Logger LOG = LoggerFactory.getLogger(UssdInDialogRequests.class);

    private final UssdSessions sessions;
    private final UssdSteps steps;

    UssdInDialogRequests(UssdSessions sessions, UssdSteps steps) {
        this.sessions = sessions;
        this.steps = steps;
    }

    void info(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.get(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            SipAnswers.answer(m, 481, null);
            return;
        }
        SipMessage msg = m.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String pkg = msg == null ? null : msg.header("Info-Package");
        if (pkg == null || !UssdCodec.INFO_PACKAGE.equalsIgnoreCase(pkg.split(";")[0].trim())) {
            // RFC 6086 4.2.2: an INFO for a package we did not announce; the 469 says which one we take
            SipAnswers.answer(m, 469, "Bad Info Package");
            m.setHeader(SipHeaders.HEADER_PREFIX + "Recv-Info", UssdCodec.INFO_PACKAGE);
            return;
        }
        long cseq = m.getHeader(SipHeaders.CSEQ, 0L, Long.class);
        String contentType = m.getHeader(SipHeaders.CONTENT_TYPE, String.class);
        byte[] body = msg.body();
        synchronized (s) {
            if (s.dialog != null && !s.dialog.localTag().equals(m.getHeader(SipHeaders.TO_TAG, String.class))) {
                SipAnswers.answer(m, 481, null);
                return;
            }
            if (cseq <= s.remoteCSeq) {
                SipAnswers.answer(m, 500, "CSeq Out Of Order"); // RFC 3261 12.2.2
                return;
            }
            s.remoteCSeq = cseq;
            s.lastActivity = sessions.now();
            // 200 (no body) first, then the content (TS 24.390 5.1.2: the INFO response carries no body)
            exchange.setProperty(SipHeaders.REPLY_DEFERRED, true);
            SipServerExchange sx = exchange.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
            sx.respond(200, null, null, null, null);
            if (s.state == UssdSession.State.ENDING) {
                return;
            }
            if (s.dialog == null) {
                // network-initiated: the UE's answer overtook our view of its 2xx; handled once the 2xx is in
                s.stashedType = contentType;
                s.stashedBody = body;
                return;
            }
            steps.userInfo(s, contentType, body);
        }
    }

    void bye(Exchange exchange) {
        Message m = exchange.getIn();
        UssdSession s = sessions.remove(m.getHeader(SipHeaders.CALL_ID, String.class));
        if (s == null) {
            SipAnswers.answer(m, 481, null);
            return;
        }
        SipAnswers.answer(m, 200, null);
        synchronized (s) {
            s.cancelTimer();
            boolean wasEnding = s.state == UssdSession.State.ENDING;
            s.state = UssdSession.State.ENDING;
            if (!wasEnding) {
                LOG.debug("USSD session {} ended by the UE at step {}", s.id, s.step);
                UssdMeters.ended(s, UssdMeters.BYE);
                steps.abort(s, "bye");
            }
        }
    }
}
