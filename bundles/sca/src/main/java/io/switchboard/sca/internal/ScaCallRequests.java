package io.switchboard.sca.internal;

import static io.switchboard.sca.ScaService.CALL_INFO;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call path, requests (the request half of Kamailio's sca_call_info.c): {@code sca:call-info-update} on a request
 * in the route, before {@code proxy:relay}, binds an appearance to a call, moves it through hold and resume, ends it
 * on BYE or CANCEL, and turns an INVITE to the line itself into the retrieve of a held call. A failed call attempt
 * (CANCEL here, a final error in {@link ScaCallResponses}) is undone here, next to the retrieve it may undo.
 */
final class ScaCallRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ScaCallRequests.class);

    private final SubscriptionService subs;
    private final Appearances appearances;
    private final ScaNotifier notifier;
    private final Object lock;
    private final LongSupplier clock;

    ScaCallRequests(
            SubscriptionService subs, Appearances appearances, ScaNotifier notifier, Object lock, LongSupplier clock) {
        this.subs = subs;
        this.appearances = appearances;
        this.notifier = notifier;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * {@code sca:call-info-update} on a request in the route, before {@code proxy:relay}: moves the appearance,
     * NOTIFYs the group, strips Call-Info from the relayed request; a retrieve of a held call gets its target and
     * Replaces, a retrieve of a held-private call a 403.
     */
    void request(Exchange exchange) {
        Message in = exchange.getIn();
        String method = in.getHeader(SipHeaders.METHOD, String.class);
        SipMessage m = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        if (method == null || m == null) {
            return;
        }
        List<String> ci = m.headers("Call-Info");
        CallInfo.Entry entry = null;
        if (!ci.isEmpty()) {
            addHeaderName(in, SipHeaders.PROXY_REMOVE_HEADERS, "Call-Info");
            try {
                entry = CallInfo.first(ci);
            } catch (IllegalArgumentException e) {
                LOG.debug("SCA: ignoring a bad Call-Info in {}: {}", method, e.getMessage());
            }
        }
        String callId = in.getHeader(SipHeaders.CALL_ID, String.class);
        String toTag = in.getHeader(SipHeaders.TO_TAG, String.class);
        if (ci.isEmpty()
                && appearances.byCall(callId) == null
                && !("INVITE".equals(method)
                        && toTag == null
                        && isSharedLine(in.getHeader(SipHeaders.TO_URI, String.class)))) {
            return; // a call of a line that is not shared (most calls): no lock, nothing to move
        }
        long now = clock.getAsLong();
        synchronized (lock) {
            // the answers of a shared line's members carry their Call-Info too: it stays between the line and us
            addHeaderName(in, SipHeaders.PROXY_REMOVE_RESPONSE_HEADERS, "Call-Info");
            switch (method) {
                case "INVITE" -> {
                    if (toTag == null) {
                        invite(in, entry, now);
                    } else {
                        reInvite(callId, entry, m.body(), now);
                    }
                }
                case "ACK" -> ack(callId, m.body(), now);
                case "BYE" -> end(appearances.byCall(callId));
                case "CANCEL" -> cancel(appearances.byCall(callId), in.getHeader(SipHeaders.FROM_TAG, String.class));
                default -> {
                    // PRACK, REFER, ...: nothing moves; their Call-Info is stripped
                }
            }
        }
    }

    /** A line with call-info subscribers or appearances in use. */
    private boolean isSharedLine(String uri) {
        String aor = SipAddresses.aor(uri);
        return aor != null
                && (appearances.inUse(aor)
                        || !subs.subscriptions(CALL_INFO, aor).isEmpty());
    }

    private void invite(Message in, CallInfo.Entry entry, long now) {
        String from = SipAddresses.aor(in.getHeader(SipHeaders.FROM_URI, String.class));
        if (entry == null || from == null || entry.index() <= 0) {
            return;
        }
        String to = SipAddresses.aor(in.getHeader(SipHeaders.TO_URI, String.class));
        String ruri = SipAddresses.aor(in.getHeader(SipHeaders.REQUEST_URI, String.class));
        String callId = in.getHeader(SipHeaders.CALL_ID, String.class);
        String fromTag = in.getHeader(SipHeaders.FROM_TAG, String.class);
        String contact = in.getHeader(SipHeaders.CONTACT, String.class);
        Appearances.Slot s = appearances.get(from, entry.index());
        if (from.equals(to) && from.equals(ruri) && s != null && s.state.isHeld() && s.callId != null) {
            retrieve(in, s, callId, fromTag, contact, now);
            return;
        }
        if (subs.subscriptions(CALL_INFO, from).isEmpty() && s == null) {
            return; // not a shared line
        }
        if (s == null) {
            Appearances.Seized seized = appearances.seize(from, entry.index(), contact, now);
            if (seized.slot() == null) {
                return; // past the maximum: the call goes on without an appearance
            }
            s = seized.slot();
        } else if (s.state != AppearanceState.SEIZED || s.callId != null) {
            return; // the index is on another call: leave it alone
        }
        appearances.bind(s, callId, fromTag);
        s.owner = contact == null ? s.owner : contact;
        s.remoteTarget = in.getHeader(SipHeaders.REQUEST_URI, String.class);
        s.uri = in.getHeader(SipHeaders.TO_URI, String.class);
        s.modifiedAt = now;
    }

    /** Another member picks up the held call: RURI to the remote party, Replaces of the held dialog (RFC 3891). */
    private void retrieve(Message in, Appearances.Slot s, String callId, String fromTag, String contact, long now) {
        if (s.state == AppearanceState.HELD_PRIVATE) {
            SipAnswers.answer(in, 403, "Forbidden - private call");
            return;
        }
        if (s.remoteTarget == null || s.remoteTag == null) {
            SipAnswers.answer(in, 480, "Temporarily Unavailable - held call not established");
            return;
        }
        in.setHeader(SipHeaders.TARGETS, s.remoteTarget);
        in.setHeader(
                SipHeaders.PROXY_HEADER_PREFIX + "Replaces",
                s.callId + ";to-tag=" + s.remoteTag + ";from-tag=" + s.lineTag);
        s.previous = s.copy();
        appearances.bind(s, callId, fromTag);
        s.owner = contact;
        s.callee = false;
        s.remoteTag = null;
        s.modifiedAt = now;
    }

    private void reInvite(String callId, CallInfo.Entry entry, byte[] body, long now) {
        Appearances.Slot s = appearances.byCall(callId);
        if (s == null || !Sdp.present(body)) {
            return;
        }
        AppearanceState next;
        if (Sdp.held(body)) {
            next = entry != null && entry.state() == AppearanceState.HELD_PRIVATE
                    ? AppearanceState.HELD_PRIVATE
                    : AppearanceState.HELD;
        } else if (s.state.isHeld()) {
            next = AppearanceState.ACTIVE;
        } else {
            return;
        }
        if (next != s.state && (s.state == AppearanceState.ACTIVE || s.state.isHeld())) {
            appearances.set(s, next, now);
            notifier.notifyGroup(s.aor);
        }
    }

    private void ack(String callId, byte[] body, long now) {
        Appearances.Slot s = appearances.byCall(callId);
        if (s == null) {
            return;
        }
        if (s.state == AppearanceState.ACTIVE_PENDING) {
            appearances.set(s, AppearanceState.ACTIVE, now);
            notifier.notifyGroup(s.aor);
        } else if (s.state == AppearanceState.ACTIVE && Sdp.held(body)) {
            // Polycom: body-less re-INVITE, the sendonly SDP comes in the ACK
            appearances.set(s, AppearanceState.HELD, now);
            notifier.notifyGroup(s.aor);
        }
    }

    /** The call ended (BYE): the appearance is idle. */
    private void end(Appearances.Slot s) {
        if (s != null) {
            notifier.idle(s);
        }
    }

    /**
     * A CANCEL, matched by Call-ID and From tag (Polycom CANCELs have no Call-Info): the caller gave up while the line
     * rang (callee side: idle), or the line's own call attempt is abandoned.
     */
    private void cancel(Appearances.Slot s, String fromTag) {
        if (s != null
                && s.callee
                && s.state == AppearanceState.ALERTING
                && s.remoteTag != null
                && s.remoteTag.equals(fromTag)) {
            notifier.idle(s);
        } else if (s != null
                && !s.callee
                && s.lineTag != null
                && s.lineTag.equals(fromTag)
                && (s.state == AppearanceState.SEIZED
                        || s.state == AppearanceState.PROGRESSING
                        || s.state == AppearanceState.ALERTING
                        || s.previous != null)) {
            failed(s);
        }
    }

    /** The call attempt failed or was cancelled: a retrieve goes back to the held call, anything else to idle. */
    void failed(Appearances.Slot s) {
        if (s.previous != null) {
            Appearances.Slot p = s.previous;
            s.previous = null;
            appearances.bind(s, p.callId, p.lineTag);
            appearances.set(s, p.state, s.modifiedAt);
            s.owner = p.owner;
            s.remoteTag = p.remoteTag;
            s.remoteTarget = p.remoteTarget;
            s.uri = p.uri;
            s.callee = p.callee;
            return; // nothing changed for the group: still held
        }
        notifier.idleEndingLineSeize(s);
    }

    /**
     * Adds {@code name} to the header names in {@code header} (String or List) instead of replacing them: what the
     * route asked to strip before this step (e.g. Proxy-Require: sec-agree, README "Proxy") must stay stripped.
     */
    static void addHeaderName(Message in, String header, String name) {
        Object prior = in.getHeader(header);
        if (prior == null || (prior instanceof String text && text.isBlank())) {
            in.setHeader(header, name);
            return;
        }
        List<String> names = new ArrayList<>();
        if (prior instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    names.add(o.toString());
                }
            }
        } else {
            names.add(prior.toString());
        }
        names.add(name);
        in.setHeader(header, names);
    }
}
