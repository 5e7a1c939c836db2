package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import io.switchboard.cgrates.CgratesService;
import io.switchboard.cgrates.OutboxEntry;
import io.switchboard.dialog.DialogHistoryListener;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogListener;
import io.switchboard.dialog.DialogService;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.settings.SettingsReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CGRateS billing in OSGi (PID {@code io.switchboard.cgrates}): the JSON-RPC client and bijson link, the CDR outbox
 * and its sender, prepaid sessions and call limits, wired to the dialog bundle through its two SPIs. Which dialog
 * event triggers what: {@code answered} → InitiateSession (prepaid); {@code ended} → timers stopped,
 * ReleaseResources, a missed-call CDR (unanswered, when configured); the move to history → the outbox rows
 * (TerminateSession of a prepaid call, then the CDR) in the same transaction.
 */
@Component(
        service = {
            CgratesClient.class,
            CgratesService.class,
            DialogHistoryListener.class,
            DialogListener.class,
            CgratesServiceComponent.class
        },
        immediate = true,
        configurationPid = CgratesSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CgratesSettings.class)
public class CgratesServiceComponent implements CgratesClient, CgratesService, DialogHistoryListener, DialogListener {

    private static final Logger LOG = LoggerFactory.getLogger(CgratesServiceComponent.class);
    private static final SettingsReader<CgratesSettings> SETTINGS =
            new SettingsReader<>(CgratesSettings.PID, CgratesSettings.class, LOG::warn);
    /** Static: a settings change re-activates the component, and the calls in progress stay billed. */
    private static final CallRegistry CALLS = new CallRegistry();

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    @Reference
    DialogService dialogs;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while the outbox sends.
     */
    private final EventPublisher eventBus = new EventPublisher();

    @Reference(
            name = "eventBus",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = EventPublisher.TARGET)
    void bindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.bind(bus);
    }

    void unbindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.unbind(bus);
    }

    /** Null while billing is off ({@code enabled = false}): every hook then returns at once. */
    private volatile Billing billing;

    @Activate
    void activate(Map<String, Object> config) throws Exception {
        CgratesSettings s = SETTINGS.read(config);
        Outbox.migrate(dataSource);
        if (!s.enabled()) {
            LOG.info("CGRateS billing off (enabled = false in etc/{}.cfg)", CgratesSettings.PID);
            return;
        }
        billing = new Billing(s, new Outbox(dataSource), CALLS, dialogs::end, System::currentTimeMillis, eventBus);
        LOG.info("CGRateS billing on: engines {}, bijson {}", s.engines(), s.bijson());
    }

    @Deactivate
    void deactivate() {
        Billing b = billing;
        billing = null;
        if (b != null) {
            b.close();
        }
    }

    /** True when the current settings turn billing on (also while the component restarts). */
    static boolean enabled() {
        return SETTINGS.current().enabled();
    }

    /** The fail policy of the current settings (also while the component restarts). */
    static String currentFailPolicy() {
        return SETTINGS.current().fail__policy();
    }

    Billing billing() {
        return billing;
    }

    @Override
    public JsonNode call(String method, ObjectNode args) throws CgratesException {
        Billing b = billing;
        if (b == null) {
            throw new CgratesException("NOT_CONNECTED: billing is off", true, null);
        }
        return b.client.call(method, args);
    }

    @Override
    public ObjectNode newArgs() {
        return JsonRpc.MAPPER.createObjectNode();
    }

    @Override
    public void movingToHistory(Connection transaction, DialogInfo dialog) throws SQLException {
        Billing b = billing;
        if (b != null) {
            b.movingToHistory(transaction, dialog);
        }
    }

    @Override
    public void onDialogEvent(String event, DialogInfo dialog) {
        Billing b = billing;
        if (b != null) {
            b.onDialogEvent(event, dialog);
        }
    }

    /** The outbox is read from the database, so it shows rows also while billing is off. */
    @Override
    public List<OutboxEntry> outbox(String state, int limit) {
        try {
            return new Outbox(dataSource).list(state, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("outbox not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Integer> outboxCounts() {
        try {
            return new Outbox(dataSource).counts();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean retry(long id) {
        Billing b = billing;
        if (b != null) {
            return b.retry(id);
        }
        try {
            return new Outbox(dataSource).retry(id, System.currentTimeMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("outbox not writable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> activeSessions() {
        Billing b = billing;
        return b == null ? List.of() : b.activeSessions();
    }

    /**
     * Everything billing does, without OSGi (the unit tests build one on an H2 database and a CGRateS double). Why a
     * nested class: it is the component's body; the outer class only adapts the DS life cycle and services to it.
     */
    static final class Billing implements AutoCloseable {

        final CgratesSettings settings;
        final FailoverClient client;
        final BiJsonLink sessions;
        final Outbox outbox;
        final OutboxSender sender;
        final CallRegistry calls;
        final CallEvents events;
        final InviteBilling invites;
        final CallLimits limits;
        final PrepaidSessions prepaid;
        final ScheduledExecutorService scheduler;
        private final Thread senderThread;
        private final LongSupplier clock;

        Billing(CgratesSettings s, Outbox outbox, CallRegistry calls, Predicate<String> ender, LongSupplier clock) {
            this(s, outbox, calls, ender, clock, new EventPublisher());
        }

        /** With {@code bus}, the handle of the event bus's publishing service: the outbox's CDR events go there. */
        Billing(
                CgratesSettings s,
                Outbox outbox,
                CallRegistry calls,
                Predicate<String> ender,
                LongSupplier clock,
                EventPublisher bus) {
            this.settings = s;
            this.outbox = outbox;
            this.calls = calls;
            this.clock = clock;
            int connect = millis(s.connect__timeout());
            long timeout = millis(s.request__timeout());
            boolean failOpen = "open".equals(s.fail__policy());
            this.client = new FailoverClient(FailoverClient.parse(s.engines(), s.pool__size(), connect), timeout);
            this.events = new CallEvents(s.tenant(), s.origin_host());
            this.sessions = new BiJsonLink(
                    s.bijson(), connect, timeout, new BiRpcRequests(calls, ender, s.origin_host()), client);
            this.invites = new InviteBilling(
                    sessions,
                    events,
                    millis(s.max__usage()) * CallEvents.NANOS_PER_MILLI,
                    s.credit__status(),
                    failOpen);
            this.limits = new CallLimits(
                    client,
                    events,
                    millis(s.resources__ttl()) * CallEvents.NANOS_PER_MILLI,
                    s.resources__status(),
                    failOpen);
            this.scheduler = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "cgrates-billing");
                t.setDaemon(true);
                return t;
            });
            this.prepaid = new PrepaidSessions(
                    sessions,
                    events,
                    scheduler,
                    ender,
                    millis(s.debit__interval()),
                    millis(s.max__usage()),
                    failOpen,
                    clock);
            // longer than one send can take: two passes over every engine, each a connect and a request time-out
            long lease = 2L * s.engines().split(",").length * (connect + timeout) + 1000;
            this.sender = new OutboxSender(
                    outbox,
                    client,
                    millis(s.outbox_retry__min()),
                    millis(s.outbox_retry__max()),
                    s.outbox_max__attempts(),
                    lease,
                    (long) (s.outbox_keep__hours() * 3_600_000L),
                    clock,
                    new CdrEvents(bus, s.cdr__method()));
            this.senderThread = new Thread(sender, "cgrates-outbox");
            senderThread.setDaemon(true);
            senderThread.start();
            scheduler.scheduleWithFixedDelay(() -> calls.purge(clock.getAsLong()), 10, 10, TimeUnit.SECONDS);
        }

        static int millis(double seconds) {
            return (int) Math.max(0, Math.round(seconds * 1000));
        }

        void onDialogEvent(String event, DialogInfo d) {
            BilledCall call = calls.get(d.callId()).orElse(null);
            if ("answered".equals(event)) {
                if (call != null) {
                    call.answeredAt = d.answeredAt();
                    if (call.prepaid()) {
                        prepaid.answered(call);
                    }
                }
            } else if ("ended".equals(event)) {
                if (call != null) {
                    call.endedAt = d.endedAt();
                    call.ended = true;
                    prepaid.ended(call);
                    if (call.resourceHeld.get()) {
                        scheduler.execute(() -> limits.release(call));
                    }
                }
                if (d.answeredAt() == 0 && settings.missed__calls()) {
                    BilledCall c = call != null ? call : CallEvents.fallback(d, settings.request__type());
                    scheduler.execute(() -> missedCall(c, d));
                }
            }
        }

        private void missedCall(BilledCall call, DialogInfo d) {
            try {
                outbox.add(call.originId, settings.cdr__method(), cdrBody(call, d), clock.getAsLong());
                sender.wakeUp();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not queue the missed-call CDR of {}", call.originId, e);
            }
        }

        void movingToHistory(Connection tx, DialogInfo d) throws SQLException {
            BilledCall call = calls.get(d.callId()).orElseGet(() -> CallEvents.fallback(d, settings.request__type()));
            long now = clock.getAsLong();
            if (call.prepaid()) {
                if (call.answeredAt == 0) {
                    call.answeredAt = d.answeredAt();
                }
                ObjectNode t = prepaid.terminate(call, CallEvents.usageNanos(d), d.endReason());
                Outbox.add(tx, call.originId, "SessionSv1.TerminateSession", t.toString(), now);
            }
            Outbox.add(tx, call.originId, settings.cdr__method(), cdrBody(call, d), now);
            sender.wakeUp();
        }

        private String cdrBody(BilledCall call, DialogInfo d) {
            ObjectNode args = events.cdr(call, d);
            if ("CDRsV1.ProcessEvent".equals(settings.cdr__method())) {
                ArrayNode flags = args.putArray("Flags");
                for (String f : settings.cdr__flags().split(",")) {
                    if (!f.isBlank()) {
                        flags.add(f.trim());
                    }
                }
            }
            return args.toString();
        }

        List<OutboxEntry> outbox(String state, int limit) {
            try {
                return outbox.list(state, limit);
            } catch (SQLException e) {
                throw new IllegalStateException("outbox not readable: " + e.getMessage(), e);
            }
        }

        Map<String, Integer> outboxCounts() {
            try {
                return outbox.counts();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox not readable: " + e.getMessage(), e);
            }
        }

        boolean retry(long id) {
            try {
                boolean ok = outbox.retry(id, clock.getAsLong());
                sender.wakeUp();
                return ok;
            } catch (SQLException e) {
                throw new IllegalStateException("outbox not writable: " + e.getMessage(), e);
            }
        }

        List<String> activeSessions() {
            return calls.live().stream().map(c -> c.originId).toList();
        }

        @Override
        public void close() {
            sender.stop();
            try {
                senderThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler.shutdownNow();
            sessions.close();
            client.close();
        }
    }
}
