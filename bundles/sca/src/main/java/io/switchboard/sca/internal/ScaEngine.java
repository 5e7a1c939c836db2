package io.switchboard.sca.internal;

import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaService;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;

/**
 * Shared Call Appearances without OSGi, the module's table of contents (as Kamailio's sca.c): it builds one part per
 * concern and gives them all the one lock that serializes every change of the appearances.
 * <ul>
 * <li>{@link Appearances}: the appearances of every line, in memory (sca_appearance.c);</li>
 * <li>{@link ScaNotifier}: what a NOTIFY carries and who gets it, the changes that end in a NOTIFY (sca_notify.c);</li>
 * <li>{@link ScaEventPackage}: the call-info and line-seize packages of the subscription layer (sca_event.c);</li>
 * <li>{@link ScaSubscribe}: SUBSCRIBE, line-seize expiry, the purge of stale appearances (sca_subscribe.c);</li>
 * <li>{@link ScaCallRequests} and {@link ScaCallResponses}: the call path (sca_call_info.c);</li>
 * <li>{@link ScaOperations}: the shell and REST operations, the {@link ScaService} (sca_rpc.c);</li>
 * <li>{@link LineMembers}: who may watch and seize a line (table {@code sca_line_member}).</li>
 * </ul>
 * NOTIFYs go out through the subscription layer's asynchronous sender, so sending them under the lock is cheap.
 */
final class ScaEngine {

    /** The Allow-Events of SUBSCRIBE answers: both packages, whichever was asked for. */
    static final String ALLOW_EVENTS = "call-info, line-seize";

    /** The one lock of the module; the call path reads the appearance table without it (see Appearances). */
    private final Object lock = new Object();

    private volatile ScaConfig config;
    private final ScaSubscribe subscribe;
    private final ScaCallRequests requests;
    private final ScaCallResponses responses;
    private final ScaOperations operations;
    private final Appearances appearances;
    final EventPackage callInfo;
    final EventPackage lineSeize;

    /** An engine without database (tests): lines have no members, only a line's own AoR may subscribe to it. */
    ScaEngine(SubscriptionService subs, ScaConfig config, LongSupplier clock) {
        this(subs, config, clock, new LineMembers(() -> null));
    }

    /** @param members who may subscribe to a line besides itself ({@code sca_line_member}) */
    ScaEngine(SubscriptionService subs, ScaConfig config, LongSupplier clock, LineMembers members) {
        this(subs, config, clock, members, AppearanceEvents.NONE);
    }

    /** @param events the publisher of appearance changes on the event bus ({@link AppearanceEvents#NONE}: none) */
    ScaEngine(
            SubscriptionService subs,
            ScaConfig config,
            LongSupplier clock,
            LineMembers members,
            AppearanceEvents events) {
        this.config = config;
        this.appearances = new Appearances(config.hashTableSize(), config.maxAppearances(), events);
        ScaNotifier notifier = new ScaNotifier(subs, appearances, lock, this::config);
        this.subscribe = new ScaSubscribe(
                subs,
                appearances,
                notifier,
                lock,
                clock,
                this::config,
                (watcher, line) -> members.isMember(line, watcher));
        this.requests = new ScaCallRequests(subs, appearances, notifier, lock, clock);
        this.responses = new ScaCallResponses(subs, appearances, notifier, requests, lock, clock);
        this.operations = new ScaOperations(subs, appearances, notifier, lock, clock, members);
        this.callInfo = subscribe.callInfo;
        this.lineSeize = subscribe.lineSeize;
    }

    /** Appearances in {@code state}, without the engine's lock (the metrics' gauge). */
    int appearancesIn(AppearanceState state) {
        return appearances.count(state);
    }

    private ScaConfig config() {
        return config;
    }

    /** New settings apply at once, but for the sizes of the appearance table (hash_table_size, max_appearances). */
    void configure(ScaConfig c) {
        config = c;
    }

    /** {@code sca:subscribe}: see {@link ScaSubscribe#subscribe}. */
    void subscribe(Exchange exchange) {
        subscribe.subscribe(exchange);
    }

    /** The layer purged an expired subscription: see {@link ScaSubscribe#expired}. */
    void expired(Subscription s) {
        subscribe.expired(s);
    }

    /** The timer of stale appearances: see {@link ScaSubscribe#purgeStale}. */
    int purgeStale() {
        return subscribe.purgeStale();
    }

    /** {@code sca:call-info-update}: see {@link ScaCallRequests#request}. */
    void request(Exchange exchange) {
        requests.request(exchange);
    }

    /** The proxy listener: see {@link ScaCallResponses#response}. */
    void response(SipProxyEvent e) {
        responses.response(e);
    }

    /** The shell commands and REST: see {@link ScaOperations}. */
    ScaService operations() {
        return operations;
    }
}
