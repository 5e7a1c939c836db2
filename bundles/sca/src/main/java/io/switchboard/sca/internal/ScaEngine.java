package io.switchboard.sca.internal;

import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared Call Appearances without OSGi: the call-info and line-seize packages on the subscription layer, the
 * appearances, the call path (requests from the route, responses from the proxy) and the operations. State changes
 * are serialized on this object; NOTIFYs go out through the layer's asynchronous sender.
 */
final class ScaEngine implements ScaService {

    private static final Logger LOG = LoggerFactory.getLogger(ScaEngine.class);
    static final String ALLOW_EVENTS = "call-info, line-seize";

    private final SubscriptionService subs;
    private final LongSupplier clock;
    private volatile ScaConfig config;
    private final Appearances appearances;
    final EventPackage callInfo = new Package(CALL_INFO);
    final EventPackage lineSeize = new Package(LINE_SEIZE);

    ScaEngine(SubscriptionService subs, ScaConfig config, LongSupplier clock) {
        this.subs = subs;
        this.config = config;
        this.clock = clock;
        this.appearances = new Appearances(config.hashTableSize(), config.maxAppearances());
    }

    void configure(ScaConfig c) {
        config = c;
    }

    /** One of the two event packages; its settings come from the SCA configuration. */
    final class Package implements EventPackage {
        private final String event;

        Package(String event) {
            this.event = event;
        }

        @Override
        public String event() {
            return event;
        }

        @Override
        public String contentType() {
            return null; // the state is in the Call-Info header: NOTIFYs have no body
        }

        @Override
        public NotifyBody state(Subscription s) {
            return ScaEngine.this.state(s);
        }

        @Override
        public int maxExpires() {
            return event.equals(CALL_INFO) ? config.callInfoMaxExpires() : config.lineSeizeMaxExpires();
        }

        @Override
        public int defaultExpires() {
            return maxExpires(); // RFC 6665 3.1.1 package default, as OpenSIPS: 3600 / 15
        }

        @Override
        public int minExpires() {
            return 1; // Kamailio's sca has no minimum; line-seize lives 15 s
        }

        @Override
        public int successStatus() {
            return event.equals(CALL_INFO) ? 202 : 200;
        }

        @Override
        public Map<String, List<String>> successHeaders(SubscribeRequest r) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            h.put("Event", List.of(event));
            h.put("Allow-Events", List.of(ALLOW_EVENTS));
            h.put("Contact", List.of("<" + contact(r.exchange().getIn().getHeader(SipHeaders.REQUEST_URI, String.class), r.presentity()) + ">"));
            return h;
        }

        @Override
        public int purgeIntervalSeconds() {
            return config.purgeExpiredInterval();
        }

        @Override
        public int writeIntervalSeconds() {
            return config.dbUpdateInterval();
        }

        @Override
        public void expired(Subscription s) {
            ScaEngine.this.expired(s);
        }
    }

    /** Contact of answers and NOTIFYs: server_address, else the Request-URI (as Kamailio), else the line. */
    private String contact(String requestUri, String aor) {
        String a = config.serverAddress();
        if (!a.isEmpty()) {
            return a;
        }
        return requestUri != null && !requestUri.isBlank() ? requestUri : "sip:" + aor;
    }

    private static String domain(String aor) {
        int at = aor.indexOf('@');
        return at < 0 ? aor : aor.substring(at + 1);
    }

    // ------------------------------------------------------------------ NOTIFY contents

    /** The state of a subscription for its NOTIFYs: all appearances (call-info) or the seized index (line-seize). */
    NotifyBody state(Subscription s) {
        synchronized (this) {
            if (s.event().equals(CALL_INFO)) {
                return callInfoBody(s.presentity());
            }
            for (Appearances.Slot slot : appearances.of(s.presentity())) {
                if (slot.lineSeize == s || (slot.lineSeize instanceof Subscription ls && ls.id().equals(s.id()))) {
                    return lineSeizeBody(s.presentity(), slot.index);
                }
            }
            return headers(s.presentity(), null);
        }
    }

    private NotifyBody callInfoBody(String aor) {
        return headers(aor, CallInfo.format(domain(aor), appearances.lines(aor)));
    }

    private NotifyBody lineSeizeBody(String aor, int index) {
        return headers(aor, CallInfo.seized(domain(aor), index));
    }

    private NotifyBody headers(String aor, String callInfo) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Contact", "<" + contact(null, aor) + ">");
        if (callInfo != null) {
            h.put("Call-Info", callInfo);
        }
        return NotifyBody.headersOnly(h);
    }

    /** NOTIFYs every call-info subscriber of the line with its current appearances. Call while holding the lock. */
    private int notifyGroup(String aor) {
        return subs.notifyAll(CALL_INFO, aor, callInfoBody(aor));
    }

    // ------------------------------------------------------------------ SUBSCRIBE

    /** {@code sca:subscribe}: a SUBSCRIBE for call-info or line-seize (sip consumer exchange). */
    void subscribe(Exchange exchange) {
        Message in = exchange.getIn();
        String event = in.getHeader(SipHeaders.EVENT, String.class);
        String e = event == null ? "" : event.trim().toLowerCase(Locale.ROOT);
        EventPackage pkg = e.equals(CALL_INFO) ? callInfo : e.equals(LINE_SEIZE) ? lineSeize : null;
        if (event == null) {
            refuse(in, 400, "Missing Event");
            return;
        }
        if (pkg == null) {
            refuse(in, 400, "Bad Event");
            in.setHeader(SipHeaders.HEADER_PREFIX + "Allow-Events", ALLOW_EVENTS);
            return;
        }
        if (in.getHeader(SipHeaders.CALL_ID) == null || in.getHeader(SipHeaders.FROM_TAG) == null
                || in.getHeader(SipHeaders.CONTACT) == null || SipAddresses.aor(in.getHeader(SipHeaders.TO_URI, String.class)) == null) {
            refuse(in, 400, "Bad Shared Call Appearance Request");
            return;
        }
        CallInfo.Entry wanted = null;
        if (pkg == lineSeize && in.getHeader(SipHeaders.TO_TAG) == null) {
            SipMessage m = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
            List<String> ci = m == null ? List.of() : m.headers("Call-Info");
            if (ci.isEmpty()) {
                refuse(in, 400, "Bad Request - missing Call-Info header");
                return;
            }
            try {
                wanted = CallInfo.first(ci);
            } catch (IllegalArgumentException ex) {
                wanted = null;
            }
            if (wanted == null) {
                refuse(in, 400, "Bad Request - Invalid Call-Info header");
                return;
            }
        }
        SubscribeRequest r = subs.check(exchange, pkg);
        if (r == null) {
            return; // refused by the layer (481, 423, ...): the answer is on the exchange
        }
        synchronized (this) {
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
        subs.accept(r, callInfoBody(aor));
        if (cleaned) {
            LOG.info("SCA: {} re-subscribed out of dialog (reboot): its appearances on {} released", contact, aor);
            notifyGroup(aor);
        }
    }

    private void subscribeLineSeize(SubscribeRequest r, String contact, CallInfo.Entry wanted) {
        String aor = r.presentity();
        long now = clock.getAsLong();
        if (r.existing() != null) {
            Appearances.Slot slot = slotOf(r.existing());
            if (r.expires() == 0) {
                subs.accept(r, slot == null ? headers(aor, null) : lineSeizeBody(aor, slot.index));
                if (slot != null && slot.state == AppearanceState.SEIZED) {
                    appearances.release(slot);
                    notifyGroup(aor);
                }
            } else {
                // a refresh: the expiry moves, nothing is seized again
                subs.accept(r, slot == null ? headers(aor, null) : lineSeizeBody(aor, slot.index));
            }
            return;
        }
        if (r.expires() == 0) {
            subs.accept(r, headers(aor, null));
            return;
        }
        Appearances.Seized seized = appearances.seize(aor, wanted.index() == CallInfo.ALL ? 0 : wanted.index(), contact, now);
        if (seized.slot() == null) {
            Message in = r.exchange().getIn();
            refuse(in, 480, seized.refusal() == Appearances.Refusal.FULL ? "Temporarily Unavailable - no free appearance"
                    : "Temporarily Unavailable - appearance in use");
            in.setHeader(SipHeaders.HEADER_PREFIX + "Retry-After", "1");
            return;
        }
        Subscription s = subs.acceptQuietly(r);
        seized.slot().lineSeize = s;
        subs.notify(s, lineSeizeBody(aor, seized.slot().index));
        notifyGroup(aor);
    }

    private Appearances.Slot slotOf(Subscription lineSeizeSub) {
        for (Appearances.Slot slot : appearances.of(lineSeizeSub.presentity())) {
            if (slot.lineSeize instanceof Subscription ls && ls.id().equals(lineSeizeSub.id())) {
                return slot;
            }
        }
        return null;
    }

    private static void refuse(Message in, int status, String reason) {
        in.setHeader(SipHeaders.STATUS, status);
        in.setHeader(SipHeaders.REASON, reason);
    }

    /** The purge removed an expired subscription: a line-seize whose appearance is still only seized frees it. */
    void expired(Subscription s) {
        if (!s.event().equals(LINE_SEIZE)) {
            return;
        }
        synchronized (this) {
            Appearances.Slot slot = slotOf(s);
            if (slot != null) {
                slot.lineSeize = null;
                if (slot.state == AppearanceState.SEIZED && slot.callId == null) {
                    appearances.release(slot);
                    notifyGroup(s.presentity());
                }
            }
        }
    }

    /** Seized appearances that never got a call and answered calls whose ACK never came: back to idle. */
    int purgeStale() {
        long now = clock.getAsLong();
        ScaConfig c = config;
        int n = 0;
        synchronized (this) {
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
                notifyGroup(aor);
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ call path: requests

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
        if (ci.isEmpty() && appearances.byCall(callId) == null
                && !("INVITE".equals(method) && toTag == null && isSharedLine(in.getHeader(SipHeaders.TO_URI, String.class)))) {
            return; // a call of a line that is not shared (most calls): no lock, nothing to move
        }
        long now = clock.getAsLong();
        synchronized (this) {
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
                case "BYE" -> end(appearances.byCall(callId), null);
                case "CANCEL" -> {
                    Appearances.Slot s = appearances.byCall(callId);
                    String fromTag = in.getHeader(SipHeaders.FROM_TAG, String.class);
                    if (s != null && s.callee && s.state == AppearanceState.ALERTING && s.remoteTag != null
                            && s.remoteTag.equals(fromTag)) {
                        appearances.release(s); // the caller gave up while the line rang
                        notifyGroup(s.aor);
                    } else if (s != null && !s.callee && s.lineTag != null && s.lineTag.equals(fromTag)
                            && (s.state == AppearanceState.SEIZED || s.state == AppearanceState.PROGRESSING
                            || s.state == AppearanceState.ALERTING || s.previous != null)) {
                        failed(s);
                    }
                }
                default -> {
                    // PRACK, REFER, ...: nothing moves; their Call-Info is stripped
                }
            }
        }
    }

    /** A line with call-info subscribers or appearances in use. */
    private boolean isSharedLine(String uri) {
        String aor = SipAddresses.aor(uri);
        return aor != null && (appearances.inUse(aor) || !subs.subscriptions(CALL_INFO, aor).isEmpty());
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
            refuse(in, 403, "Forbidden - private call");
            return;
        }
        if (s.remoteTarget == null || s.remoteTag == null) {
            refuse(in, 480, "Temporarily Unavailable - held call not established");
            return;
        }
        in.setHeader(SipHeaders.TARGETS, s.remoteTarget);
        in.setHeader(SipHeaders.PROXY_HEADER_PREFIX + "Replaces", s.callId + ";to-tag=" + s.remoteTag + ";from-tag=" + s.lineTag);
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
            next = entry != null && entry.state() == AppearanceState.HELD_PRIVATE ? AppearanceState.HELD_PRIVATE : AppearanceState.HELD;
        } else if (s.state.isHeld()) {
            next = AppearanceState.ACTIVE;
        } else {
            return;
        }
        if (next != s.state && (s.state == AppearanceState.ACTIVE || s.state.isHeld())) {
            appearances.set(s, next, now);
            notifyGroup(s.aor);
        }
    }

    private void ack(String callId, byte[] body, long now) {
        Appearances.Slot s = appearances.byCall(callId);
        if (s == null) {
            return;
        }
        if (s.state == AppearanceState.ACTIVE_PENDING) {
            appearances.set(s, AppearanceState.ACTIVE, now);
            notifyGroup(s.aor);
        } else if (s.state == AppearanceState.ACTIVE && Sdp.held(body)) {
            // Polycom: body-less re-INVITE, the sendonly SDP comes in the ACK
            appearances.set(s, AppearanceState.HELD, now);
            notifyGroup(s.aor);
        }
    }

    /** The call ended (BYE): the appearance is idle. */
    private void end(Appearances.Slot s, String why) {
        if (s == null) {
            return;
        }
        appearances.release(s);
        notifyGroup(s.aor);
    }

    /** The call attempt failed or was cancelled: a retrieve goes back to the held call, anything else to idle. */
    private void failed(Appearances.Slot s) {
        if (s.previous != null) {
            Appearances.Slot p = s.previous;
            s.previous = null;
            appearances.bind(s, p.callId, p.lineTag);
            s.state = p.state;
            s.owner = p.owner;
            s.remoteTag = p.remoteTag;
            s.remoteTarget = p.remoteTarget;
            s.uri = p.uri;
            s.callee = p.callee;
            return; // nothing changed for the group: still held
        }
        endLineSeize(s);
        appearances.release(s);
        notifyGroup(s.aor);
    }

    private void endLineSeize(Appearances.Slot s) {
        if (s.lineSeize instanceof Subscription ls) {
            s.lineSeize = null;
            subs.terminate(ls, "noresource", lineSeizeBody(s.aor, s.index));
        }
    }

    // ------------------------------------------------------------------ call path: responses

    /** A response the proxy sent upstream (stack thread: cheap; NOTIFYs are asynchronous). */
    void response(SipProxyEvent e) {
        if (e.kind() != SipProxyEvent.Kind.RESPONSE || !"INVITE".equals(e.method())) {
            return;
        }
        if (appearances.byCall(e.callId()) == null && !mayBeCalleeMember(e)) {
            return; // the answer of a call that involves no shared line: no lock
        }
        long now = clock.getAsLong();
        synchronized (this) {
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
            boolean calling = s.state == AppearanceState.SEIZED || s.state == AppearanceState.PROGRESSING
                    || s.state == AppearanceState.ALERTING || s.previous != null;
            if (!calling) {
                return; // a re-INVITE's answer: the request already moved the state
            }
            int st = e.status();
            if (st == 180 || st == 183) {
                endLineSeize(s);
                if (s.state == AppearanceState.SEIZED) {
                    appearances.set(s, AppearanceState.PROGRESSING, now);
                    notifyGroup(s.aor);
                }
            } else if (st >= 200 && st < 300) {
                endLineSeize(s);
                s.remoteTag = e.toTag();
                if (e.contact() != null) {
                    s.remoteTarget = e.contact();
                }
                if (s.previous == null) {
                    s.uri = e.toUri();
                }
                s.previous = null;
                appearances.set(s, AppearanceState.ACTIVE, now);
                notifyGroup(s.aor);
            } else if (st >= 300 && st != 487) {
                failed(s);
            }
        }
    }

    /**
     * Callee side, the first 18x or 2xx of a call to a shared line from one of its members: the appearance of its
     * Call-Info (none: the lowest free one, as OpenSIPS) alerts (18x) or is answered (2xx: active once the ACK is seen).
     */
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
            notifyGroup(aor);
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
            appearances.release(s);
            notifyGroup(s.aor);
        }
    }

    // ------------------------------------------------------------------ operations

    @Override
    public List<Subscription> subscriptions() {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : subs.all()) {
            if (s.event().equals(CALL_INFO) || s.event().equals(LINE_SEIZE)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public synchronized List<Appearance> appearances() {
        List<Appearance> out = new ArrayList<>();
        for (Appearances.Slot s : appearances.all()) {
            out.add(s.view());
        }
        return out;
    }

    @Override
    public synchronized List<Appearance> appearances(String aor) {
        List<Appearance> out = new ArrayList<>();
        for (Appearances.Slot s : appearances.of(line(aor))) {
            out.add(s.view());
        }
        return out;
    }

    static String line(String aor) {
        String a = aor == null ? null : SipAddresses.aor(aor.contains(":") ? aor : "sip:" + aor);
        if (a == null || !a.contains("@")) {
            throw new IllegalArgumentException("not a line AoR (user@domain): " + aor);
        }
        return a;
    }

    @Override
    public Appearance seize(String aor, String contact) throws ScaException {
        String line = lineOrFail(aor);
        if (contact == null || contact.isBlank()) {
            throw new ScaException(400, "a device Contact URI is required");
        }
        synchronized (this) {
            Appearances.Seized seized = appearances.seize(line, 0, contact.trim(), clock.getAsLong());
            if (seized.slot() == null) {
                throw new ScaException(409, "no free appearance on " + line);
            }
            notifyGroup(line);
            return seized.slot().view();
        }
    }

    @Override
    public Appearance update(String aor, int index, AppearanceState state, String display) throws ScaException {
        String line = lineOrFail(aor);
        if (index <= 0) {
            throw new ScaException(400, "appearance index must be 1 or more");
        }
        if (state == null) {
            throw new ScaException(400, "a state is required");
        }
        synchronized (this) {
            long now = clock.getAsLong();
            Appearances.Slot s = appearances.get(line, index);
            if (state == AppearanceState.IDLE) {
                if (s != null) {
                    endLineSeize(s);
                    appearances.release(s);
                    notifyGroup(line);
                }
                return new Appearance(line, index, AppearanceState.IDLE, null, null, null, now);
            }
            if (s == null) {
                Appearances.Seized seized = appearances.seize(line, index, null, now);
                if (seized.slot() == null) {
                    throw new ScaException(409, "appearance " + index + " of " + line + " cannot be used (past max_appearances)");
                }
                s = seized.slot();
            }
            appearances.set(s, state, now);
            if (display != null && !display.isBlank()) {
                s.uri = display.trim();
            }
            notifyGroup(line);
            return s.view();
        }
    }

    @Override
    public void release(String aor, int index) throws ScaException {
        String line = lineOrFail(aor);
        synchronized (this) {
            Appearances.Slot s = appearances.get(line, index);
            if (s == null) {
                throw new ScaException(404, "appearance " + index + " of " + line + " is idle");
            }
            endLineSeize(s);
            appearances.release(s);
            notifyGroup(line);
        }
    }

    @Override
    public boolean deactivate(String subscriptionId) {
        for (Subscription s : subscriptions()) {
            if (s.id().equals(subscriptionId)) {
                if (s.event().equals(LINE_SEIZE)) {
                    synchronized (this) {
                        Appearances.Slot slot = slotOf(s);
                        boolean terminated = subs.terminate(s, "deactivated", slot == null ? headers(s.presentity(), null)
                                : lineSeizeBody(s.presentity(), slot.index));
                        if (slot != null) {
                            slot.lineSeize = null;
                            if (slot.state == AppearanceState.SEIZED && slot.callId == null) {
                                appearances.release(slot);
                                notifyGroup(s.presentity());
                            }
                        }
                        return terminated;
                    }
                }
                return subs.terminate(s, "deactivated", state(s));
            }
        }
        return false;
    }

    private static String lineOrFail(String aor) throws ScaException {
        try {
            return line(aor);
        } catch (IllegalArgumentException e) {
            throw new ScaException(400, e.getMessage());
        }
    }

    synchronized int appearanceCount() {
        return appearances.size();
    }
}
