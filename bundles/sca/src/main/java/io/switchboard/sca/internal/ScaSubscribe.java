package io.switchboard.sca.internal;

import static io.switchboard.sca.ScaService.CALL_INFO;
import static io.switchboard.sca.ScaService.LINE_SEIZE;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE handling (Kamailio's sca_subscribe.c): {@code sca:subscribe} answers a SUBSCRIBE for call-info (the line's
 * state) or line-seize (reserves an appearance); the ends of what a SUBSCRIBE started live here too: the expiry of a
 * line-seize subscription, and the purge of appearances that were seized or answered and never went further.
 */
final class ScaSubscribe {

    private static final Logger LOG = LoggerFactory.getLogger(ScaSubscribe.class);

    private final SubscriptionService subs;
    private final Appearances appearances;
    private final ScaNotifier notifier;
    private final Object lock;
    private final LongSupplier clock;
    private final Supplier<ScaConfig> config;
    final EventPackage callInfo;
    final EventPackage lineSeize;

    ScaSubscribe(
            SubscriptionService subs,
            Appearances appearances,
            ScaNotifier notifier,
            Object lock,
            LongSupplier clock,
            Supplier<ScaConfig> config,
            BiPredicate<String, String> member) {
        this.subs = subs;
        this.appearances = appearances;
        this.notifier = notifier;
        this.lock = lock;
        this.clock = clock;
        this.config = config;
        this.callInfo = new ScaEventPackage(CALL_INFO, config, notifier, this::expired, member);
        this.lineSeize = new ScaEventPackage(LINE_SEIZE, config, notifier, this::expired, member);
    }

    /** {@code sca:subscribe}: a SUBSCRIBE for call-info or line-seize (sip consumer exchange). */
    void subscribe(Exchange exchange) {
        Message in = exchange.getIn();
        String event = in.getHeader(SipHeaders.EVENT, String.class);
        String e = event == null ? "" : event.trim().toLowerCase(Locale.ROOT);
        EventPackage pkg = e.equals(CALL_INFO) ? callInfo : e.equals(LINE_SEIZE) ? lineSeize : null;
        if (event == null) {
            SipAnswers.answer(in, 400, "Missing Event");
            return;
        }
        if (pkg == null) {
            SipAnswers.answer(in, 400, "Bad Event");
            in.setHeader(SipHeaders.HEADER_PREFIX + "Allow-Events", ScaEngine.ALLOW_EVENTS);
            return;
        }
        if (in.getHeader(SipHeaders.CALL_ID) == null
                || in.getHeader(SipHeaders.FROM_TAG) == null
                || in.getHeader(SipHeaders.CONTACT) == null
                || SipAddresses.aor(in.getHeader(SipHeaders.TO_URI, String.class)) == null) {
            SipAnswers.answer(in, 400, "Bad Shared Call Appearance Request");
            return;
        }
        CallInfo.Entry wanted = null;
        if (pkg == lineSeize && in.getHeader(SipHeaders.TO_TAG) == null) {
            SipMessage m = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
            List<String> ci = m == null ? List.of() : m.headers("Call-Info");
            if (ci.isEmpty()) {
                SipAnswers.answer(in, 400, "Bad Request - missing Call-Info header");
                return;
            }
            try {
                wanted = CallInfo.first(ci);
            } catch (IllegalArgumentException ex) {
                wanted = null;
            }
            if (wanted == null) {
                SipAnswers.answer(in, 400, "Bad Request - Invalid Call-Info header");
                return;
            }
        }
        SubscribeRequest r = subs.check(exchange, pkg);
        if (r == null) {
            return; // refused by the layer (481, 423, ...): the answer is on the exchange
        }
        synchronized (lock) {
            if (pkg == callInfo) {
                subscribeCallInfo(r, in.getHeader(SipHeaders.CONTACT, String.class));
            } else {
                subscribeLineSeize(r, in.getHeader(SipHeaders.CONTACT, String.class), wanted);
            }
        }
    }

    private void subscribeCallInfo(SubscribeRequest r, String contact) {
        String aor = r.presentity();
        boolean cleaned = false;
        if (r.existing() == null && r.expires() > 0) {
            // an out-of-dialog SUBSCRIBE from a device that already has a subscription: it rebooted; its calls are gone
            for (Subscription old : subs.subscriptions(CALL_INFO, aor)) {
                if (contact != null && contact.equals(old.dialog().remoteTarget())) {
                    for (Appearances.Slot s : appearances.ownedBy(aor, contact)) {
                        appearances.release(s);
                        cleaned = true;
                    }
                }
            }
        }
        subs.accept(r, notifier.callInfoBody(aor));
        if (cleaned) {
            LOG.info("SCA: {} re-subscribed out of dialog (reboot): its appearances on {} released", contact, aor);
            notifier.notifyGroup(aor);
        }
    }

    private void subscribeLineSeize(SubscribeRequest r, String contact, CallInfo.Entry wanted) {
        String aor = r.presentity();
        long now = clock.getAsLong();
        if (r.existing() != null) {
            Appearances.Slot slot = notifier.slotOf(r.existing());
            // an un-subscribe, or a refresh: the expiry moves, nothing is seized again
            subs.accept(r, notifier.lineSeizeState(aor, slot));
            if (r.expires() == 0 && slot != null && slot.state == AppearanceState.SEIZED) {
                notifier.idle(slot);
            }
            return;
        }
        if (r.expires() == 0) {
            subs.accept(r, notifier.lineSeizeState(aor, null));
            return;
        }
        int index = wanted.index() == CallInfo.ALL ? 0 : wanted.index();
        Appearances.Seized seized = appearances.seize(aor, index, contact, now);
        if (seized.slot() == null) {
            Message in = r.exchange().getIn();
            SipAnswers.answer(
                    in,
                    480,
                    seized.refusal() == Appearances.Refusal.FULL
                            ? "Temporarily Unavailable - no free appearance"
                            : "Temporarily Unavailable - appearance in use");
            SipAnswers.retryAfter(in, 1);
            return;
        }
        Subscription s = subs.acceptQuietly(r);
        seized.slot().lineSeize = s;
        subs.notify(s, notifier.lineSeizeBody(aor, seized.slot().index));
        notifier.notifyGroup(aor);
    }

    /** The purge removed an expired subscription: a line-seize whose appearance is still only seized frees it. */
    void expired(Subscription s) {
        if (!s.event().equals(LINE_SEIZE)) {
            return;
        }
        synchronized (lock) {
            Appearances.Slot slot = notifier.slotOf(s);
            if (slot != null) {
                notifier.lineSeizeGone(slot);
            }
        }
    }

    /** Seized appearances that never got a call and answered calls whose ACK never came: back to idle. */
    int purgeStale() {
        long now = clock.getAsLong();
        ScaConfig c = config.get();
        int n = 0;
        synchronized (lock) {
            List<String> touched = new ArrayList<>();
            for (Appearances.Slot s : appearances.all()) {
                long age = now - s.modifiedAt;
                if ((s.state == AppearanceState.SEIZED && age > c.seizedTtl() * 1000L)
                        || (s.state == AppearanceState.ACTIVE_PENDING && age > c.activePendingTtl() * 1000L)) {
                    appearances.release(s);
                    n++;
                    if (!touched.contains(s.aor)) {
                        touched.add(s.aor);
                    }
                }
            }
            for (String aor : touched) {
                notifier.notifyGroup(aor);
            }
        }
        return n;
    }
}
