package io.switchboard.subscription.internal;

import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription layer without OSGi: RFC 6665 notifier behaviour on a {@link SubscriptionTable}, NOTIFYs
 * through a {@link NotifySender}, its changes written behind ({@link WriteBehindSubscriptionStore}) at each
 * {@link #flush()}, when the write interval of their event package is due.
 */
public final class SubscriptionLayer implements SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLayer.class);

    /** CSeq numbers a restored dialog skips: NOTIFYs sent after the last write before a crash used some. */
    static final long RESTORE_CSEQ_GAP = 1000;
    /**
     * The CSeq of a subscription is written at each (re)subscribe and every this many NOTIFYs (a fan-out stays cheap).
     */
    static final long CSEQ_WRITE_EVERY = 100;

    private final SubscriptionTable table = new SubscriptionTable();

    /** The event packages seen (SUBSCRIBE checks, the component's service tracker), by event: their own settings. */
    private final Map<String, EventPackage> packages = new ConcurrentHashMap<>();
    /** Epoch millis of the next purge / write of the packages that have their own interval, by event. */
    private final Map<String, Long> nextPurge = new ConcurrentHashMap<>();

    private final Map<String, Long> nextWrite = new ConcurrentHashMap<>();

    private final WriteBehindSubscriptionStore store;
    private final NotifySender sender;
    private final SubscribeAuthentication authentication = new SubscribeAuthentication();
    private final LongSupplier clock;
    private final SubscriptionEvents events;
    private volatile SubscriptionConfig config;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong removedOnFailure = new AtomicLong();

    SubscriptionLayer(SubscriptionStore store, NotifySender sender, SubscriptionConfig config, LongSupplier clock) {
        this(store, sender, config, clock, SubscriptionEvents.NONE);
    }

    /** @param events told of each subscription created and ended (the event bus) */
    SubscriptionLayer(
            SubscriptionStore store,
            NotifySender sender,
            SubscriptionConfig config,
            LongSupplier clock,
            SubscriptionEvents events) {
        this.events = events;
        this.store = new WriteBehindSubscriptionStore(store);
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    void configure(SubscriptionConfig c) {
        config = c;
    }

    SubscriptionConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ SUBSCRIBE

    @Override
    public SubscribeRequest check(Exchange exchange, EventPackage pkg) {
        Message in = exchange.getIn();
        SubscriptionConfig c = config;
        String event = in.getHeader(SipHeaders.EVENT, String.class);
        if (event == null || !event.equalsIgnoreCase(pkg.event())) {
            return refuse(in, 489, "Bad Event", Map.of("Allow-Events", pkg.event()));
        }
        register(pkg);
        String toTag = in.getHeader(SipHeaders.TO_TAG, String.class);
        if (toTag == null && !authorized(exchange, pkg, c)) {
            return null;
        }
        if (pkg.contentType() != null
                && !accepts(in.getHeader(SipHeaders.MESSAGE, SipMessage.class), pkg.contentType())) {
            return refuse(in, 406, "Not Acceptable", Map.of("Accept", pkg.contentType()));
        }
        int min = pkg.minExpires() > 0 ? pkg.minExpires() : c.minExpires();
        int max = pkg.maxExpires() > 0 ? pkg.maxExpires() : c.maxExpires();
        Integer asked = in.getHeader(SipHeaders.EXPIRES, Integer.class);
        int expires = asked == null
                ? (pkg.defaultExpires() > 0 ? Math.min(pkg.defaultExpires(), max) : c.defaultExpires())
                : asked;
        if (expires < 0) {
            return refuse(in, 400, "Bad Expires", Map.of());
        }
        if (expires != 0 && expires < min) {
            return refuse(in, 423, "Interval Too Brief", Map.of("Min-Expires", Integer.toString(min)));
        }
        expires = Math.min(expires, max);
        if (toTag != null) {
            String id = in.getHeader(SipHeaders.CALL_ID, String.class)
                    + ';'
                    + toTag
                    + ';'
                    + nullToEmpty(in.getHeader(SipHeaders.FROM_TAG, String.class));
            ActiveSubscription existing = table.get(id);
            if (existing == null || !existing.event().equalsIgnoreCase(pkg.event())) {
                return refuse(in, 481, "Subscription Does Not Exist", Map.of());
            }
            return new SubscribeRequest(exchange, pkg, existing.presentity(), expires, existing);
        }
        if (in.getHeader(SipHeaders.DIALOG) == null || in.getHeader(SipHeaders.CONTACT) == null) {
            return refuse(in, 400, "Contact Required", Map.of());
        }
        String presentity = aor(in.getHeader(SipHeaders.TO_URI, String.class));
        if (presentity == null) {
            return refuse(in, 400, "Bad To URI", Map.of());
        }
        return new SubscribeRequest(exchange, pkg, presentity, expires, null);
    }

    /**
     * A new SUBSCRIBE's sender is authenticated ({@link SubscribeAuthentication}: 407 challenge, 403) and then
     * authorized by the package for the watched To AoR (403). In-dialog SUBSCRIBEs are not asked again: they must
     * match the dialog (Call-ID, our To tag, the From tag) of a subscription that was authorized.
     */
    private boolean authorized(Exchange exchange, EventPackage pkg, SubscriptionConfig c) {
        Message in = exchange.getIn();
        String watcher = authentication.watcher(exchange, c.trustedSources());
        if (watcher == null) {
            return false;
        }
        String presentity = aor(in.getHeader(SipHeaders.TO_URI, String.class));
        if (presentity == null) {
            refuse(in, 400, "Bad To URI", Map.of());
            return false;
        }
        if (!pkg.authorizes(aor("sip:" + watcher), presentity)) {
            LOG.info("SUBSCRIBE {} of {} for {} refused: not authorized", pkg.event(), watcher, presentity);
            refuse(in, 403, "Forbidden (" + watcher + " may not watch " + presentity + ")", Map.of());
            return false;
        }
        return true;
    }

    @Override
    public Subscription accept(SubscribeRequest request, NotifyBody state) {
        return accept(request, state, true);
    }

    @Override
    public Subscription acceptQuietly(SubscribeRequest request) {
        return accept(request, null, false);
    }

    private Subscription accept(SubscribeRequest r, NotifyBody state, boolean notify) {
        Message in = r.exchange().getIn();
        long now = clock.getAsLong();
        ActiveSubscription s;
        if (r.existing() != null) {
            s = (ActiveSubscription) r.existing();
            if (r.expires() != 0) {
                // an un-subscribe keeps its expiry: set to now, the purge could end it first with a second NOTIFY
                s.refresh(now + r.expires() * 1000L, in.getHeader(SipHeaders.CONTACT, String.class));
            }
        } else {
            SipDialog dialog = dialogOf(in);
            s = new ActiveSubscription(
                    r.pkg().event(),
                    r.presentity(),
                    in.getHeader(SipHeaders.FROM_URI, String.class),
                    dialog,
                    now + r.expires() * 1000L);
        }
        SipServerExchange server = r.exchange().getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        if (server == null) {
            throw new IllegalStateException("not a sip consumer exchange: no " + SipHeaders.SERVER_EXCHANGE);
        }
        if (r.expires() == 0) {
            if (r.existing() != null && !remove(s, SubscriptionEvents.UNSUBSCRIBED)) {
                // ended meanwhile (expiry purge, failed NOTIFY) with its own final NOTIFY: no usage is left (RFC 6665
                // 4.1.2.4)
                server.respond(481, "Subscription Does Not Exist", Map.of(), null, null);
                return s;
            }
            server.respond(r.pkg().successStatus(), null, successHeaders(r), null, null);
            if (notify) {
                send(s, "terminated", state == null ? NotifyBody.NONE : state, false);
            }
            return s;
        }
        table.put(s);
        store.saved(s);
        if (r.existing() == null) {
            events.created(s, r.expires());
        }
        server.respond(r.pkg().successStatus(), null, successHeaders(r), null, null);
        if (notify) {
            notify(s, state == null ? NotifyBody.NONE : state);
        }
        return s;
    }

    /** {@code Expires} plus the package's own headers of a successful answer. */
    private static Map<String, List<String>> successHeaders(SubscribeRequest r) {
        Map<String, List<String>> extra = r.pkg().successHeaders(r);
        if (extra.isEmpty()) {
            return Map.of("Expires", List.of(Integer.toString(r.expires())));
        }
        Map<String, List<String>> h = new LinkedHashMap<>(extra);
        h.put("Expires", List.of(Integer.toString(r.expires())));
        return h;
    }

    /** Makes the package's own settings known (intervals, expiry callback) before any SUBSCRIBE of it. */
    void register(EventPackage pkg) {
        if (packages.get(pkg.event()) != pkg) {
            packages.put(pkg.event(), pkg);
            long now = clock.getAsLong();
            // the first purge and write one interval after the package appeared
            if (pkg.purgeIntervalSeconds() > 0) {
                nextPurge.putIfAbsent(pkg.event(), now + pkg.purgeIntervalSeconds() * 1000L);
            }
            if (pkg.writeIntervalSeconds() > 0) {
                nextWrite.putIfAbsent(pkg.event(), now + pkg.writeIntervalSeconds() * 1000L);
            }
        }
    }

    void unregister(EventPackage pkg) {
        packages.remove(pkg.event(), pkg);
    }

    private static SipDialog dialogOf(Message in) {
        Object d = in.getHeader(SipHeaders.DIALOG);
        return d instanceof SipDialog sd ? sd : SipDialog.parse(d.toString());
    }

    private static SubscribeRequest refuse(Message in, int status, String reason, Map<String, String> headers) {
        SipAnswers.answer(in, status, reason);
        headers.forEach((k, v) -> in.setHeader(SipHeaders.HEADER_PREFIX + k, v));
        return null;
    }

    /** RFC 3261 20.1: no Accept = the package's default type; else the type or a matching wildcard must be listed. */
    static boolean accepts(SipMessage m, String type) {
        if (m == null || m.headerCount("Accept") == 0) {
            return true;
        }
        String major = type.substring(0, type.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (String h : m.headers("Accept")) {
            for (String item : h.split(",")) {
                String t = item.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (t.isEmpty()
                        || t.equals(type.toLowerCase(Locale.ROOT))
                        || t.equals("*/*")
                        || t.equals(major + "*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code user@domain} of a SIP URI: no scheme, parameters, port or display name; domain lower case. */
    static String aor(String uri) {
        return SipAddresses.aor(uri);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    // ------------------------------------------------------------------ NOTIFY

    @Override
    public void notify(Subscription subscription, NotifyBody body) {
        ActiveSubscription s = (ActiveSubscription) subscription;
        send(s, "active;expires=" + s.remainingSeconds(clock.getAsLong()), body, true);
    }

    @Override
    public int notifyAll(String event, String presentity, NotifyBody body) {
        List<ActiveSubscription> subs = table.of(event, presentity);
        for (ActiveSubscription s : subs) {
            notify(s, body);
        }
        return subs.size();
    }

    private void send(ActiveSubscription s, String state, NotifyBody body, boolean removeOnFailure) {
        sent.incrementAndGet();
        sender.send(s.dialog(), s.event(), state, body, status -> {
            if (status >= 200 && status < 300) {
                succeeded.incrementAndGet();
            } else {
                failed.incrementAndGet();
                if (removeOnFailure && destroysSubscription(status) && remove(s, SubscriptionEvents.NOTIFY_FAILED)) {
                    removedOnFailure.incrementAndGet();
                    LOG.info("Subscription {} removed: its NOTIFY got {}", s, status);
                }
            }
        });
        if (removeOnFailure && s.dialog().localCSeq() % CSEQ_WRITE_EVERY == 0 && table.get(s.id()) == s) {
            store.saved(s); // its CSeq moved on: written now and then, RESTORE_CSEQ_GAP covers the rest
        }
    }

    /**
     * RFC 6665 4.2.2 / RFC 5057: a NOTIFY timeout (408, local or remote), 481, a transport failure (our local
     * 503) and the responses that end the dialog usage remove the subscription; others (500, 491, ...) keep it.
     */
    static boolean destroysSubscription(int status) {
        return switch (status) {
            case 404, 408, 410, 416, 480, 481, 482, 483, 484, 485, 489, 503, 604 -> true;
            default -> false;
        };
    }

    /** Removes exactly {@code s}; true (and it ended with {@code reason}, see SubscriptionEvents) when it was there. */
    private boolean remove(ActiveSubscription s, String reason) {
        if (table.remove(s)) {
            store.deleted(s.id(), s.event());
            events.ended(s, reason);
            return true;
        }
        return false;
    }

    @Override
    public boolean terminate(Subscription subscription, String reason, NotifyBody body) {
        ActiveSubscription s = (ActiveSubscription) subscription;
        if (!remove(s, reason)) {
            return false;
        }
        send(
                s,
                reason == null ? "terminated" : "terminated;reason=" + reason,
                body == null ? NotifyBody.NONE : body,
                false);
        return true;
    }

    /**
     * Removes expired subscriptions, each with a NOTIFY {@code terminated;reason=timeout}, then tells its package
     * ({@link EventPackage#expired}). A package with its own purge interval is purged only when that is due.
     */
    int purge() {
        long now = clock.getAsLong();
        Map<String, Boolean> due = new HashMap<>();
        int n = 0;
        for (ActiveSubscription s : table.expired(now)) {
            if (!due.computeIfAbsent(s.event(), e -> due(nextPurge, e, now, p -> p.purgeIntervalSeconds()))) {
                continue;
            }
            if (remove(s, SubscriptionEvents.TIMEOUT)) {
                n++;
                send(s, "terminated;reason=timeout", NotifyBody.NONE, false);
                release(s);
            }
        }
        return n;
    }

    /** Tells the subscription's package that it ended without an un-subscribe ({@link EventPackage#expired}). */
    private void release(ActiveSubscription s) {
        EventPackage pkg = packages.get(s.event());
        if (pkg != null) {
            try {
                pkg.expired(s);
            } catch (RuntimeException e) {
                LOG.warn("Event package {} failed on the end of {}", s.event(), s, e);
            }
        }
    }

    // ------------------------------------------------------------------ subscriber removed

    /**
     * Ends every subscription of a removed subscriber, of every package, each with a final NOTIFY, and tells its
     * package as on expiry (a seized SCA appearance is released). The reason (RFC 6665 4.1.3, IANA registry):
     * {@code noresource} where the subscriber is what is watched (a DFKS subscription to oneself): its state no
     * longer exists and the device SHOULD NOT re-subscribe ({@code deactivated} would ask it to re-subscribe at
     * once, into a 404); {@code rejected} where it only watches a resource that remains (a member of a shared
     * line): the policy no longer lets it watch, and it SHOULD NOT re-subscribe either.
     *
     * @param aor {@code user@domain} of the subscriber, domain lower case
     * @return how many subscriptions were ended
     */
    int endSubscriptionsOf(String aor) {
        int n = 0;
        for (ActiveSubscription s : new ArrayList<>(table.all())) {
            boolean watched = aor.equals(s.presentity());
            if (!watched && !aor.equals(SipAddresses.aor(s.watcher()))) {
                continue;
            }
            if (terminate(s, watched ? "noresource" : "rejected", NotifyBody.NONE)) {
                n++;
                release(s);
            }
        }
        return n;
    }

    /**
     * True when the package of {@code event} has no interval of its own, or when its next run is due (then scheduled).
     */
    private boolean due(Map<String, Long> next, String event, long now, ToIntFunction<EventPackage> interval) {
        EventPackage pkg = packages.get(event);
        int seconds = pkg == null ? 0 : interval.applyAsInt(pkg);
        if (seconds <= 0) {
            return true;
        }
        Long at = next.get(event);
        if (at != null && at > now + seconds * 1000L) {
            at = now + seconds * 1000L; // the interval was shortened (Config Admin): no need to wait for the old one
            next.put(event, at);
        }
        if (at != null && at > now) {
            return false;
        }
        next.put(event, now + seconds * 1000L);
        return true;
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Writes what changed since the last flush, except the changes of packages with a write interval of their own
     * that is not due yet.
     */
    void flush() throws Exception {
        long now = clock.getAsLong();
        store.flush(event -> due(nextWrite, event, now, p -> p.writeIntervalSeconds()));
    }

    /** Writes every pending change, whether its package's write is due or not. */
    void flushAll() throws Exception {
        store.flushAll();
    }

    /** At stop: writes every pending change; one made after this (a NOTIFY answered late) is written at once. */
    void close() throws Exception {
        store.close();
    }

    /** Loads the stored subscriptions that have not expired (expired ones are deleted); returns them. */
    List<Subscription> restore() throws Exception {
        long now = clock.getAsLong();
        List<Subscription> restored = new ArrayList<>();
        for (SubscriptionStore.Row r : store.load()) {
            if (r.expiresAt() <= now) {
                store.deleted(r.id(), r.event());
                continue;
            }
            try {
                SipDialog d = SipDialog.parse(r.dialog());
                d = new SipDialog(
                        d.callId(),
                        d.localUri(),
                        d.localTag(),
                        d.remoteUri(),
                        d.remoteTag(),
                        d.remoteTarget(),
                        d.routeSet(),
                        d.localCSeq() + RESTORE_CSEQ_GAP);
                ActiveSubscription s = new ActiveSubscription(r.event(), r.presentity(), r.watcher(), d, r.expiresAt());
                table.put(s);
                store.saved(s);
                restored.add(s);
            } catch (RuntimeException e) {
                LOG.warn("Stored subscription {} dropped: {}", r.id(), e.getMessage());
                store.deleted(r.id(), r.event());
            }
        }
        return restored;
    }

    // ------------------------------------------------------------------ queries

    @Override
    public List<Subscription> subscriptions(String event, String presentity) {
        return new ArrayList<>(table.of(event, presentity));
    }

    @Override
    public List<Subscription> all() {
        return new ArrayList<>(table.all());
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public long[] notifyCounters() {
        return new long[] {sent.get(), succeeded.get(), failed.get(), removedOnFailure.get()};
    }
}
