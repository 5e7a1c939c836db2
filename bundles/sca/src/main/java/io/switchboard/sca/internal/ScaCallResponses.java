package io.switchboard.sca.internal;

import static io.switchboard.sca.ScaService.CALL_INFO;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.subscription.SubscriptionService;
import java.util.function.LongSupplier;

/**
 * The call path, responses (the response half of Kamailio's sca_call_info.c), as the proxy sends them upstream: the
 * caller's appearance progresses, is answered or fails; on the callee side a member's 18x or 2xx puts the call on an
 * appearance. Runs on the SIP stack thread: the answers of calls that involve no shared line pass without the lock.
 */
final class ScaCallResponses {

    private final SubscriptionService subs;
    private final Appearances appearances;
    private final ScaNotifier notifier;
    private final ScaCallRequests requests;
    private final Object lock;
    private final LongSupplier clock;

    ScaCallResponses(
            SubscriptionService subs,
            Appearances appearances,
            ScaNotifier notifier,
            ScaCallRequests requests,
            Object lock,
            LongSupplier clock) {
        this.subs = subs;
        this.appearances = appearances;
        this.notifier = notifier;
        this.requests = requests;
        this.lock = lock;
        this.clock = clock;
    }

    /** A response the proxy sent upstream (stack thread: cheap; NOTIFYs are asynchronous). */
    void response(SipProxyEvent e) {
        if (e.kind() != SipProxyEvent.Kind.RESPONSE || !"INVITE".equals(e.method())) {
            return;
        }
        if (appearances.byCall(e.callId()) == null && !mayBeCalleeMember(e)) {
            return; // the answer of a call that involves no shared line: no lock
        }
        long now = clock.getAsLong();
        synchronized (lock) {
            Appearances.Slot s = appearances.byCall(e.callId());
            if (s == null) {
                if (e.status() > 100 && e.status() < 300) {
                    calleeMember(e, now);
                }
                return;
            }
            if (s.callee) {
                calleeResponse(s, e, now);
                return;
            }
            boolean calling = s.state == AppearanceState.SEIZED
                    || s.state == AppearanceState.PROGRESSING
                    || s.state == AppearanceState.ALERTING
                    || s.previous != null;
            if (!calling) {
                return; // a re-INVITE's answer: the request already moved the state
            }
            int st = e.status();
            if (st == 180 || st == 183) {
                notifier.endLineSeize(s);
                if (s.state == AppearanceState.SEIZED) {
                    appearances.set(s, AppearanceState.PROGRESSING, now);
                    notifier.notifyGroup(s.aor);
                }
            } else if (st >= 200 && st < 300) {
                notifier.endLineSeize(s);
                s.remoteTag = e.toTag();
                if (e.contact() != null) {
                    s.remoteTarget = e.contact();
                }
                if (s.previous == null) {
                    s.uri = e.toUri();
                }
                s.previous = null;
                appearances.set(s, AppearanceState.ACTIVE, now);
                notifier.notifyGroup(s.aor);
            } else if (st >= 300 && st != 487) {
                requests.failed(s);
            }
        }
    }

    /** A 1xx/2xx that could come from a member of a shared line: it has Call-Info, or its To is watched. */
    private boolean mayBeCalleeMember(SipProxyEvent e) {
        if (e.status() <= 100 || e.status() >= 300 || e.toTag() == null) {
            return false;
        }
        if (e.message() != null && e.message().headerCount("Call-Info") > 0) {
            return true;
        }
        String aor = SipAddresses.aor(e.toUri());
        return aor != null && !subs.subscriptions(CALL_INFO, aor).isEmpty();
    }

    /**
     * Callee side, the first 18x or 2xx of a call to a shared line from one of its members: the appearance of its
     * Call-Info (none: the lowest free one, as OpenSIPS) alerts (18x) or is answered (2xx: active once the ACK is
     * seen).
     */
    private void calleeMember(SipProxyEvent e, long now) {
        String aor = SipAddresses.aor(e.toUri());
        if (aor == null || e.toTag() == null) {
            return;
        }
        CallInfo.Entry entry = null;
        if (e.message() != null) {
            try {
                entry = CallInfo.first(e.message().headers("Call-Info"));
            } catch (IllegalArgumentException ex) {
                return;
            }
        }
        if (entry == null && subs.subscriptions(CALL_INFO, aor).isEmpty()) {
            return; // not a shared line
        }
        int index = entry == null || entry.index() <= 0 ? 0 : entry.index();
        Appearances.Slot s = index > 0 ? appearances.get(aor, index) : null;
        if (s == null) {
            Appearances.Seized seized = appearances.seize(aor, index, e.contact(), now);
            if (seized.slot() == null) {
                return;
            }
            s = seized.slot();
        } else if (s.callId != null) {
            return;
        }
        appearances.bind(s, e.callId(), e.toTag());
        s.callee = true;
        s.owner = e.contact();
        s.remoteTag = e.fromTag();
        s.uri = e.fromUri();
        if (e.status() < 200) {
            appearances.set(s, AppearanceState.ALERTING, now);
            notifier.notifyGroup(aor);
        } else {
            appearances.set(s, AppearanceState.ACTIVE_PENDING, now);
        }
    }

    /** Callee side, later responses: the answer (active once ACKed) or the failure of the ringing call. */
    private void calleeResponse(Appearances.Slot s, SipProxyEvent e, long now) {
        if (s.state != AppearanceState.ALERTING) {
            return;
        }
        if (e.status() >= 200 && e.status() < 300) {
            appearances.bind(s, e.callId(), e.toTag()); // the member that answered
            s.owner = e.contact() == null ? s.owner : e.contact();
            appearances.set(s, AppearanceState.ACTIVE_PENDING, now);
        } else if (e.status() >= 300 && e.status() != 487) {
            notifier.idle(s);
        }
    }
}
