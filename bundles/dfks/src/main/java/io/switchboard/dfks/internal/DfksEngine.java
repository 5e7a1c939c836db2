package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.dfks.internal.csta.Csta;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import io.switchboard.xml.XmlException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DFKS without OSGi: the {@code as-feature-event} package on the subscription layer. A SUBSCRIBE without body
 * gets 200 and a full-state NOTIFY (get route once per feature, order DND, CFA, CFB, CFNA); one with a Set body
 * runs the set route first (400 for a bad body, 404 unknown user, the route's failure as 500: nothing NOTIFYed),
 * then 200, then the resulting state of that feature is NOTIFYed to every subscription of the user.
 */
final class DfksEngine implements DfksService, EventPackage {

    private static final Logger LOG = LoggerFactory.getLogger(DfksEngine.class);

    private final SubscriptionService subscriptions;
    private final FeatureRoutes routes;
    private final FeatureEvents events;
    private final FeatureCache cache;
    private final CstaCodec codec = new CstaCodec();

    DfksEngine(SubscriptionService subscriptions, FeatureRoutes routes) {
        this(subscriptions, routes, FeatureEvents.NONE);
    }

    /** @param events the changes' publisher on the event bus ({@link FeatureEvents#NONE}: none) */
    DfksEngine(SubscriptionService subscriptions, FeatureRoutes routes, FeatureEvents events) {
        this(subscriptions, routes, events, new FeatureCache(0, 1, System::nanoTime));
    }

    /** @param cache what the get route answered, per user ({@code get.cache.seconds} 0: off) */
    DfksEngine(SubscriptionService subscriptions, FeatureRoutes routes, FeatureEvents events, FeatureCache cache) {
        this.subscriptions = subscriptions;
        this.routes = routes;
        this.events = events;
        this.cache = cache;
    }

    // ------------------------------------------------------------------ EventPackage

    @Override
    public String event() {
        return Csta.EVENT;
    }

    @Override
    public String contentType() {
        return Csta.CONTENT_TYPE;
    }

    @Override
    public NotifyBody state(Subscription s) throws DfksException {
        String user = user(s.presentity());
        return codec.full(get(user, domain(s.presentity())), user);
    }

    // ------------------------------------------------------------------ SUBSCRIBE (dfks:subscribe)

    void subscribe(Exchange exchange) {
        SubscribeRequest req = subscriptions.check(exchange, this);
        if (req == null) {
            return; // refused, answer set
        }
        Message in = exchange.getIn();
        String text = in.getBody(String.class);
        Feature feature = null; // known once the body parsed: a set to count
        try {
            if (text == null || text.isBlank()) {
                NotifyBody full = codec.full(get(req.user(), req.domain()), req.user());
                subscriptions.accept(req, full);
                return;
            }
            String type = in.getHeader(SipHeaders.CONTENT_TYPE, String.class);
            if (type == null || !type.split(";")[0].trim().equalsIgnoreCase(Csta.CONTENT_TYPE)) {
                SipAnswers.answer(in, 415, "Unsupported Media Type");
                in.setHeader(SipHeaders.HEADER_PREFIX + "Accept", Csta.CONTENT_TYPE);
                return;
            }
            FeatureRequest fr;
            try {
                fr = codec.parseRequest(text.getBytes(StandardCharsets.UTF_8));
            } catch (XmlException e) {
                SipAnswers.answer(in, 400, "Bad Request (" + e.getMessage() + ")");
                return;
            }
            boolean[] notify = {true};
            feature = fr.feature();
            FeatureState result = store(
                    req.user(),
                    req.domain(),
                    fr.feature(),
                    fr.status(),
                    fr.forwardTo(),
                    fr.ringCount(),
                    "sip",
                    null,
                    fr.device(),
                    notify);
            DfksMeters.set(feature, 200);
            subscriptions.acceptQuietly(req); // 200 first, then the NOTIFYs (the requester's included)
            if (notify[0]) {
                fanOut(req.user(), req.domain(), result);
            }
        } catch (DfksException e) {
            if (feature != null) {
                DfksMeters.set(feature, e.status());
            }
            LOG.debug("SUBSCRIBE {} refused: {}", req.presentity(), e.getMessage());
            SipAnswers.answer(in, e.status(), reason(e.status()) + " (" + e.getMessage() + ")");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Server Internal Error";
        };
    }

    // ------------------------------------------------------------------ DfksService

    @Override
    public List<FeatureState> get(String user, String domain) throws DfksException {
        List<FeatureState> cached = cache.get(user, domain);
        if (cached != null) {
            return cached;
        }
        long stamp = cache.stamp();
        List<FeatureState> out = routes.getAll(user, domain);
        if (out == null) {
            out = new ArrayList<>(4);
            for (Feature f : Feature.values()) {
                FeatureState s = routes.get(user, domain, f);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        cache.put(user, domain, out, stamp);
        return out;
    }

    @Override
    public FeatureState set(
            String user,
            String domain,
            Feature feature,
            boolean status,
            String forwardTo,
            Integer ringCount,
            String source,
            String param)
            throws DfksException {
        try {
            FeatureState result = checkedSet(user, domain, feature, status, forwardTo, ringCount, source, param);
            DfksMeters.set(feature, 200);
            return result;
        } catch (DfksException e) {
            DfksMeters.set(feature, e.status());
            throw e;
        }
    }

    private FeatureState checkedSet(
            String user,
            String domain,
            Feature feature,
            boolean status,
            String forwardTo,
            Integer ringCount,
            String source,
            String param)
            throws DfksException {
        if (ringCount != null && (ringCount < 1 || ringCount > CstaCodec.MAX_RING_COUNT)) {
            throw new DfksException(400, "ringCount must be 1.." + CstaCodec.MAX_RING_COUNT + ": " + ringCount);
        }
        if (!feature.isForwarding() && (forwardTo != null || ringCount != null)) {
            throw new DfksException(400, "DoNotDisturb takes no forwardTo or ringCount");
        }
        boolean[] notify = {true};
        FeatureState result = store(
                user,
                domain.toLowerCase(Locale.ROOT),
                feature,
                status,
                forwardTo,
                ringCount,
                source,
                param,
                null,
                notify);
        if (notify[0]) {
            fanOut(user, domain.toLowerCase(Locale.ROOT), result);
        }
        return result;
    }

    /**
     * Current state (get route: unknown user 404, unassigned 403), overlaid with what was asked, through the set
     * route. Only this feature is read and written: a set never touches another feature.
     */
    private FeatureState store(
            String user,
            String domain,
            Feature feature,
            boolean status,
            String forwardTo,
            Integer ringCount,
            String source,
            String param,
            String device,
            boolean[] notify)
            throws DfksException {
        cache.invalidate(user, domain);
        try {
            FeatureState current = routes.get(user, domain, feature);
            if (current == null) {
                throw new DfksException(403, feature + " is not assigned to " + user + "@" + domain);
            }
            String to = forwardTo != null ? forwardTo : current.forwardTo();
            Integer rings = ringCount != null ? ringCount : current.ringCount();
            if (feature.isForwarding() && status && to == null) {
                throw new DfksException(400, "turning " + feature + " on needs a forward-to target");
            }
            FeatureState wanted = new FeatureState(
                    feature,
                    status,
                    feature.isForwarding() ? to : null,
                    feature == Feature.CallForwardingNoAnswer ? rings : null);
            FeatureState stored = routes.set(user, domain, wanted, source, param, device, notify);
            events.changed(user, domain, current, stored, source, device);
            return stored;
        } finally {
            cache.invalidate(user, domain); // a get that read meanwhile kept nothing either (stamp)
        }
    }

    private void fanOut(String user, String domain, FeatureState state) {
        int n = subscriptions.notifyAll(Csta.EVENT, user + "@" + domain, codec.single(state, user));
        LOG.debug("{} of {}@{} NOTIFYed to {} subscriptions", state, user, domain, n);
    }

    @Override
    public int subscriptions(String user, String domain) {
        return subscriptions
                .subscriptions(Csta.EVENT, user + "@" + domain.toLowerCase(Locale.ROOT))
                .size();
    }

    private static String user(String presentity) {
        int at = presentity.indexOf('@');
        return at < 0 ? presentity : presentity.substring(0, at);
    }

    private static String domain(String presentity) {
        int at = presentity.indexOf('@');
        return at < 0 ? "" : presentity.substring(at + 1);
    }
}
