package io.switchboard.sca.internal;

import static io.switchboard.sca.ScaService.CALL_INFO;

import io.switchboard.sca.AppearanceState;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a NOTIFY carries and who gets it (Kamailio's sca_notify.c): the state of a line in one Call-Info header and no
 * body, to every call-info subscriber of the line. The changes that every concern ends the same way live here too, so
 * that each is written once: an appearance goes idle and its line hears it; a line-seize subscription ends (NOTIFY
 * noresource) or goes away and takes an appearance that is still only seized with it. Those expect the caller to hold
 * the engine's lock.
 */
final class ScaNotifier {

    private final SubscriptionService subs;
    private final Appearances appearances;
    private final Object lock;
    private final Supplier<ScaConfig> config;

    ScaNotifier(SubscriptionService subs, Appearances appearances, Object lock, Supplier<ScaConfig> config) {
        this.subs = subs;
        this.appearances = appearances;
        this.lock = lock;
        this.config = config;
    }

    /** Contact of answers and NOTIFYs: server_address, else the Request-URI (as Kamailio), else the line. */
    String contact(String requestUri, String aor) {
        String a = config.get().serverAddress();
        if (!a.isEmpty()) {
            return a;
        }
        return requestUri != null && !requestUri.isBlank() ? requestUri : "sip:" + aor;
    }

    private static String domain(String aor) {
        int at = aor.indexOf('@');
        return at < 0 ? aor : aor.substring(at + 1);
    }

    /** The state of a subscription for its NOTIFYs: all appearances (call-info) or the seized index (line-seize). */
    NotifyBody state(Subscription s) {
        synchronized (lock) {
            if (s.event().equals(CALL_INFO)) {
                return callInfoBody(s.presentity());
            }
            return lineSeizeState(s.presentity(), slotOf(s));
        }
    }

    /** The state of a line-seize subscription: the index it seized, or no Call-Info when it has none (any more). */
    NotifyBody lineSeizeState(String aor, Appearances.Slot slot) {
        return slot == null ? headers(aor, null) : lineSeizeBody(aor, slot.index);
    }

    NotifyBody callInfoBody(String aor) {
        return headers(aor, CallInfo.format(domain(aor), appearances.lines(aor)));
    }

    NotifyBody lineSeizeBody(String aor, int index) {
        return headers(aor, CallInfo.seized(domain(aor), index));
    }

    /** A NOTIFY without body: Contact, and Call-Info unless null. */
    NotifyBody headers(String aor, String callInfo) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Contact", "<" + contact(null, aor) + ">");
        if (callInfo != null) {
            h.put("Call-Info", callInfo);
        }
        return NotifyBody.headersOnly(h);
    }

    /** NOTIFYs every call-info subscriber of the line with its current appearances. Call while holding the lock. */
    int notifyGroup(String aor) {
        return subs.notifyAll(CALL_INFO, aor, callInfoBody(aor));
    }

    /** The appearance a line-seize subscription seized, null when none (any more). */
    Appearances.Slot slotOf(Subscription lineSeizeSub) {
        for (Appearances.Slot slot : appearances.of(lineSeizeSub.presentity())) {
            if (slot.lineSeize != null && slot.lineSeize.id().equals(lineSeizeSub.id())) {
                return slot;
            }
        }
        return null;
    }

    /** The appearance is idle again: freed, and every call-info subscriber of its line NOTIFYed. */
    void idle(Appearances.Slot s) {
        appearances.release(s);
        notifyGroup(s.aor);
    }

    /** As {@link #idle}, a line-seize subscription still on the appearance ended first (noresource). */
    void idleEndingLineSeize(Appearances.Slot s) {
        endLineSeize(s);
        idle(s);
    }

    /** The call on the appearance progresses (or failed): its line-seize subscription, if any, has done its job. */
    void endLineSeize(Appearances.Slot s) {
        Subscription ls = s.lineSeize;
        if (ls != null) {
            s.lineSeize = null;
            subs.terminate(ls, "noresource", lineSeizeBody(s.aor, s.index));
        }
    }

    /**
     * The line-seize subscription of the appearance is gone (expired, deactivated): an appearance that got no call
     * meanwhile is idle again.
     */
    void lineSeizeGone(Appearances.Slot slot) {
        slot.lineSeize = null;
        if (slot.state == AppearanceState.SEIZED && slot.callId == null) {
            idle(slot);
        }
    }
}
