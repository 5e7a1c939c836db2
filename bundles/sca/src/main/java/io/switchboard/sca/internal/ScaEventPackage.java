package io.switchboard.sca.internal;

import static io.switchboard.sca.ScaService.CALL_INFO;

import io.switchboard.sip.SipHeaders;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One of the two SCA event packages (call-info, line-seize) of the subscription layer. Its settings are read from the
 * SCA configuration at each call, so a change of PID {@code io.switchboard.sca} applies at once; the state of its
 * NOTIFYs comes from the {@link ScaNotifier}, and the layer's expiry goes back to SUBSCRIBE handling.
 */
final class ScaEventPackage implements EventPackage {

    private final String event;
    private final Supplier<ScaConfig> config;
    private final ScaNotifier notifier;
    private final Consumer<Subscription> expired;
    private final BiPredicate<String, String> member;

    /** @param member whether a watcher (first) is a member of a line (second) */
    ScaEventPackage(
            String event,
            Supplier<ScaConfig> config,
            ScaNotifier notifier,
            Consumer<Subscription> expired,
            BiPredicate<String, String> member) {
        this.event = event;
        this.config = config;
        this.notifier = notifier;
        this.expired = expired;
        this.member = member;
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
        return notifier.state(s);
    }

    /**
     * The line itself (a device with the line's own credentials) or a member of it ({@code sca:member}, table
     * {@code sca_line_member}): watching a line shows who calls whom on it, seizing takes its appearances.
     */
    @Override
    public boolean authorizes(String watcher, String line) {
        return watcher != null && (watcher.equals(line) || member.test(watcher, line));
    }

    @Override
    public int maxExpires() {
        ScaConfig c = config.get();
        return event.equals(CALL_INFO) ? c.callInfoMaxExpires() : c.lineSeizeMaxExpires();
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
        String requestUri = r.exchange().getIn().getHeader(SipHeaders.REQUEST_URI, String.class);
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Event", List.of(event));
        h.put("Allow-Events", List.of(ScaEngine.ALLOW_EVENTS));
        h.put("Contact", List.of("<" + notifier.contact(requestUri, r.presentity()) + ">"));
        return h;
    }

    @Override
    public int purgeIntervalSeconds() {
        return config.get().purgeExpiredInterval();
    }

    @Override
    public int writeIntervalSeconds() {
        return config.get().dbUpdateInterval();
    }

    @Override
    public void expired(Subscription s) {
        expired.accept(s);
    }
}
