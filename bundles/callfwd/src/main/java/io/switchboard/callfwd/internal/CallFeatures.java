package io.switchboard.callfwd.internal;

import io.switchboard.callfwd.CallFwdHeaders;
import io.switchboard.callfwd.ForwardCause;
import io.switchboard.dfks.DfksHeaders;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyHeaders;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the call features, one method per {@code callfwd:} operation, in the order of the default routes:
 * {@link #apply} before the location lookup (DND, CFA, the CFNA ring time), {@link #unavailable} when the lookup
 * found no device (CFNA at once), {@link #failure} in the failure route (CFB, CFNA), {@link #checkTarget} in the
 * DFKS set route (no external target outside the allow-list is ever stored). Every decision is left in the
 * {@link CallFwdHeaders} and told to the dialogs.
 */
final class CallFeatures {

    private static final Logger LOG = LoggerFactory.getLogger(CallFeatures.class);

    /** Reads the features of one user (the DFKS get route); {@link UserFeatures#NONE} for no such user. */
    interface FeatureReader {
        UserFeatures read(String user, String domain);
    }

    /** Where decisions go besides the headers: the dialogs (history and events). */
    interface DecisionLog {
        void declined(String callId, String fromUri, String fromTag, String toUri, String reason, String decisions);

        void decided(String callId, String decisions);
    }

    /** What a forward did. */
    private enum Forward {
        LOCAL,
        EXTERNAL,
        ANSWERED,
        NOT_FORWARDED
    }

    private final FeatureReader reader;
    private final DecisionLog log;
    private final TargetPolicy policy;
    private volatile CallFwdConfig config;

    CallFeatures(CallFwdConfig config, FeatureReader reader, DecisionLog log, TargetPolicy policy) {
        this.config = config;
        this.reader = reader;
        this.log = log;
        this.policy = policy;
    }

    void configure(CallFwdConfig config) {
        this.config = config;
    }

    CallFwdConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ callfwd:apply

    /**
     * The features of the user the call goes to now (the Request-URI at the first call, else the last forward's
     * target): DND answers (or forwards to {@code dnd_target}); CFA forwards, and the next local user's features
     * apply in turn; otherwise the call rings this user, for the CFNA ring time when CFNA is on.
     */
    void apply(Exchange exchange) {
        Message m = exchange.getMessage();
        CallState st = state(exchange, true);
        m.setHeader(CallFwdHeaders.RETARGET, false);
        m.setHeader(CallFwdHeaders.DECISION, "none");
        CallFwdConfig c = config;
        while (st.current != null) {
            UserFeatures f = features(st, st.current);
            describe(m, st.current, f, c);
            if (f.dnd()) {
                if (c.dndTarget() == null) {
                    decline(exchange, st, c);
                    return;
                }
                if (forward(exchange, st, ForwardCause.DO_NOT_DISTURB, c.dndTarget(), c) != Forward.LOCAL) {
                    return;
                }
                continue;
            }
            if (f.cfa() != null) {
                Forward done = forward(exchange, st, ForwardCause.ALWAYS, f.cfa(), c);
                if (done == Forward.LOCAL) {
                    continue;
                }
                if (done != Forward.NOT_FORWARDED) {
                    return;
                }
            }
            if (f.cfna() != null) {
                m.setHeader(SipProxyHeaders.INVITE_TIMEOUT, c.ringTimeMillis(f.ringCount()));
            } else {
                m.removeHeader(SipProxyHeaders.INVITE_TIMEOUT);
            }
            return;
        }
    }

    // ------------------------------------------------------------------ callfwd:unavailable

    /**
     * The location lookup answered 404/480 for the current user: with CFNA on, the user has no device to ring, so
     * the call is forwarded at once (cause 480) and the lookup's answer withdrawn.
     */
    void unavailable(Exchange exchange) {
        Message m = exchange.getMessage();
        m.setHeader(CallFwdHeaders.RETARGET, false);
        m.setHeader(CallFwdHeaders.DECISION, "none");
        CallState st = state(exchange, false);
        if (st == null || st.current == null) {
            return;
        }
        UserFeatures f = features(st, st.current);
        if (f.cfna() == null) {
            return;
        }
        Integer lookupAnswer = m.getHeader(SipHeaders.STATUS, Integer.class);
        String lookupReason = m.getHeader(SipHeaders.REASON, String.class);
        m.removeHeader(SipHeaders.STATUS);
        m.removeHeader(SipHeaders.REASON);
        Forward done = forward(exchange, st, ForwardCause.UNAVAILABLE, f.cfna(), config);
        if (done == Forward.NOT_FORWARDED && lookupAnswer != null) {
            SipAnswers.answer(m, lookupAnswer, lookupReason);
        }
        m.setHeader(CallFwdHeaders.RETARGET, done == Forward.LOCAL || done == Forward.EXTERNAL);
    }

    // ------------------------------------------------------------------ callfwd:failure

    /**
     * Every branch failed ({@code SipProxyStatus}): 486/600 forward for CFB, 408 (rang out) and 480 for CFNA. A
     * call to a target outside, or with nothing to do, is left to the best response.
     */
    void failure(Exchange exchange) {
        Message m = exchange.getMessage();
        m.setHeader(CallFwdHeaders.RETARGET, false);
        m.setHeader(CallFwdHeaders.DECISION, "none");
        CallState st = state(exchange, false);
        Integer status = m.getHeader(SipProxyHeaders.STATUS, Integer.class);
        if (st == null || st.current == null || status == null) {
            return;
        }
        UserFeatures f = features(st, st.current);
        Forward done = Forward.NOT_FORWARDED;
        if ((status == 486 || status == 600) && f.cfb() != null) {
            done = forward(exchange, st, ForwardCause.BUSY, f.cfb(), config);
        } else if ((status == 408 || status == 480) && f.cfna() != null) {
            ForwardCause cause = status == 408 ? ForwardCause.NO_ANSWER : ForwardCause.UNAVAILABLE;
            done = forward(exchange, st, cause, f.cfna(), config);
        }
        m.setHeader(CallFwdHeaders.RETARGET, done == Forward.LOCAL || done == Forward.EXTERNAL);
    }

    // ------------------------------------------------------------------ callfwd:check-target

    /**
     * The DFKS set route's check: a forward target that is not a SIP target, or is outside our domains and not
     * allowed, is refused ({@code DfksRefused}: 403, nothing stored). Turning a feature off is never refused.
     */
    void checkTarget(Exchange exchange) {
        Message m = exchange.getMessage();
        String to = m.getHeader(DfksHeaders.FORWARD_TO, String.class);
        Boolean on = m.getHeader(DfksHeaders.STATUS, Boolean.class);
        if (to == null || to.isBlank() || !Boolean.TRUE.equals(on)) {
            return;
        }
        String domain = m.getHeader(DfksHeaders.DOMAIN, String.class);
        String target = TargetPolicy.normalize(to, domain);
        if (target == null) {
            m.setHeader(DfksHeaders.REFUSED, "forward target " + to.trim() + " is not a SIP address");
        } else if (!policy.allowed(target, domain, config.externalAllow())) {
            m.setHeader(
                    DfksHeaders.REFUSED,
                    "forward target " + target + " is outside our domains and not in the allow-list");
        }
    }

    // ------------------------------------------------------------------ the steps

    /** The call's state: created at the first operation of the call (from its Request-URI and History-Info). */
    private CallState state(Exchange exchange, boolean create) {
        CallState st = exchange.getProperty(CallState.PROPERTY, CallState.class);
        if (st != null || !create) {
            return st;
        }
        Message m = exchange.getMessage();
        String ruri = m.getHeader(SipHeaders.REQUEST_URI, String.class);
        SipMessage request = m.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        List<String> history = request == null ? List.of() : request.headers("History-Info");
        List<String> diversion = request == null ? List.of() : request.headers("Diversion");
        String aor = SipAddresses.aor(ruri);
        st = new CallState(new ForwardChain(ruri, history, diversion), aor, aor == null ? null : "sip:" + aor);
        exchange.setProperty(CallState.PROPERTY, st);
        return st;
    }

    /** The user's features, read once per call through the DFKS get route. */
    private UserFeatures features(CallState st, String aor) {
        return st.features.computeIfAbsent(aor, a -> {
            int at = a.lastIndexOf('@');
            try {
                return reader.read(a.substring(0, at), a.substring(at + 1));
            } catch (RuntimeException e) {
                // a failing get route must not fail the call: it rings as if no feature were on
                LOG.warn("Features of {} not read, call goes on without them: {}", a, e.toString());
                return UserFeatures.NONE;
            }
        });
    }

    private static void describe(Message m, String aor, UserFeatures f, CallFwdConfig c) {
        m.setHeader(CallFwdHeaders.USER, aor);
        m.setHeader(CallFwdHeaders.DND, f.dnd());
        set(m, CallFwdHeaders.CFA, f.cfa());
        set(m, CallFwdHeaders.CFB, f.cfb());
        set(m, CallFwdHeaders.CFNA, f.cfna());
        set(
                m,
                CallFwdHeaders.RING_COUNT,
                f.cfna() == null ? null : f.ringCount() == null ? c.ringCount() : f.ringCount());
    }

    private static void set(Message m, String name, Object value) {
        if (value == null) {
            m.removeHeader(name);
        } else {
            m.setHeader(name, value);
        }
    }

    /** DND without target: no device rings; the caller gets dnd_status, the dialogs a call ended {@code dnd}. */
    private void decline(Exchange exchange, CallState st, CallFwdConfig c) {
        Message m = exchange.getMessage();
        SipAnswers.answer(m, c.dndStatus(), null);
        m.removeHeader(SipProxyHeaders.TARGETS);
        decided(m, st, "dnd");
        declined(m, st, "dnd");
    }

    /** A call the features answered: in the dialog history with {@code reason} (its live dialog ends with it). */
    private void declined(Message m, CallState st, String reason) {
        log.declined(
                m.getHeader(SipHeaders.CALL_ID, String.class),
                m.getHeader(SipHeaders.FROM_URI, String.class),
                m.getHeader(SipHeaders.FROM_TAG, String.class),
                m.getHeader(SipHeaders.TO_URI, String.class),
                reason,
                String.join(",", st.decisions));
    }

    /**
     * Forwards the call of the current user to {@code rawTarget}, after the checks: a target that is no SIP address
     * or outside and not allowed is not dialled (the call goes on as if the feature were off); a cycle or a chain
     * past {@code max_forwards} is answered {@code loop_status}.
     */
    private Forward forward(Exchange exchange, CallState st, ForwardCause cause, String rawTarget, CallFwdConfig c) {
        Message m = exchange.getMessage();
        String from = st.current;
        String domain = from.substring(from.lastIndexOf('@') + 1);
        String target = TargetPolicy.normalize(rawTarget, domain);
        if (target == null || !policy.allowed(target, domain, c.externalAllow())) {
            LOG.info("{} of {} to {} refused: not a SIP address of ours nor allowed", cause, from, rawTarget);
            m.setHeader(CallFwdHeaders.DECISION, "refused");
            return Forward.NOT_FORWARDED;
        }
        String targetAor = SipAddresses.aor(target);
        if (st.chain.reached(targetAor)) {
            answerLoop(exchange, st, c, "loop", "forward loop " + st.chain.path(targetAor));
            return Forward.ANSWERED;
        }
        if (st.chain.forwards() >= c.maxForwards()) {
            answerLoop(exchange, st, c, "limit", "more than " + c.maxForwards() + " forwards");
            return Forward.ANSWERED;
        }
        st.chain.forward(st.currentUri, target, cause);
        if (c.historyInfo()) {
            m.setHeader(SipProxyHeaders.HEADER_PREFIX + "History-Info", st.chain.historyInfo());
        }
        if (c.diversion()) {
            m.setHeader(SipProxyHeaders.HEADER_PREFIX + "Diversion", st.chain.diversions());
        }
        m.setHeader(SipHeaders.REQUEST_URI, target);
        m.setHeader(CallFwdHeaders.FORWARD_TO, target);
        m.setHeader(CallFwdHeaders.FORWARDS, st.chain.forwards());
        m.removeHeader(SipProxyHeaders.INVITE_TIMEOUT);
        decided(m, st, cause.decision());
        log.decided(m.getHeader(SipHeaders.CALL_ID, String.class), String.join(",", st.decisions));
        if (policy.isLocal(target, domain) && targetAor != null) {
            st.current = targetAor;
            st.currentUri = "sip:" + targetAor;
            m.setHeader(SipProxyHeaders.LOCAL_TARGET, true);
            m.removeHeader(SipProxyHeaders.TARGETS);
            return Forward.LOCAL;
        }
        st.current = null;
        st.currentUri = null;
        m.setHeader(SipProxyHeaders.LOCAL_TARGET, false);
        m.setHeader(SipProxyHeaders.TARGETS, List.of(target));
        return Forward.EXTERNAL;
    }

    private void answerLoop(Exchange exchange, CallState st, CallFwdConfig c, String decision, String why) {
        Message m = exchange.getMessage();
        String phrase = c.loopStatus() == 482 ? "Loop Detected" : "Temporarily Unavailable";
        SipAnswers.answer(m, c.loopStatus(), phrase + " (call forwarding: " + why + ")");
        m.removeHeader(SipProxyHeaders.TARGETS);
        LOG.info("Call {} not forwarded: {}", m.getHeader(SipHeaders.CALL_ID), why);
        decided(m, st, decision);
        declined(m, st, decision);
    }

    private static void decided(Message m, CallState st, String decision) {
        st.decisions.add(decision);
        m.setHeader(CallFwdHeaders.DECISION, decision);
        m.setHeader(CallFwdHeaders.DECISIONS, String.join(",", st.decisions));
    }
}
