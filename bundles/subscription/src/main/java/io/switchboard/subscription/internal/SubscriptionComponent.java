package io.switchboard.subscription.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SubscriberListener;
import io.switchboard.store.SubscriberRemoval;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.SubscribeRequest;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SubscriptionService} of the platform (PID {@code io.switchboard.subscription}): subscriptions
 * restored from table {@code sb_subscription} at start, written behind every second (or at the package's
 * {@link EventPackage#writeIntervalSeconds}) and at stop, expired ones purged every second (or at the package's
 * {@link EventPackage#purgeIntervalSeconds}). Every {@link EventPackage} service that appears gets its restored
 * subscriptions
 * re-NOTIFYed with current state (in a thread of its own: the state may come from integrator routes).
 * As a {@link SubscriberListener} it ends the subscriptions of a removed subscriber, of every package.
 */
@Component(
        service = {SubscriptionService.class, SubscriberListener.class},
        configurationPid = SubscriptionSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SubscriptionSettings.class)
public class SubscriptionComponent implements SubscriptionService, SubscriberListener {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionComponent.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<SubscriptionSettings> SETTINGS = SubscriptionConfig.reader(LOG::warn);

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while subscriptions live.
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

    private final Map<String, EventPackage> packages = new ConcurrentHashMap<>();
    /** Restored subscriptions whose package has not re-NOTIFYed them yet, by event. */
    private final Map<String, List<Subscription>> awaitingResync = new ConcurrentHashMap<>();

    private volatile SubscriptionLayer layer;
    private CamelNotifySender sender;
    private ScheduledExecutorService timer;
    private ExecutorService resync;

    private ServiceTracker<EventPackage, EventPackage> eventPackages;

    @Activate
    void activate(BundleContext context, Map<String, Object> config) throws Exception {
        SubscriptionConfig c = SubscriptionConfig.of(SETTINGS.read(config));
        sender = new CamelNotifySender(camelContext, c.notifyEndpoint());
        SubscriptionLayer l = new SubscriptionLayer(
                new JdbcSubscriptionStore(dataSource),
                sender,
                c,
                System::currentTimeMillis,
                new SubscriptionEvents(eventBus));
        List<Subscription> restored = l.restore();
        for (Subscription s : restored) {
            awaitingResync.computeIfAbsent(s.event(), e -> new ArrayList<>()).add(s);
        }
        resync = Executors.newSingleThreadExecutor(r -> daemon(r, "switchboard-subscription-resync"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "switchboard-subscription-timer"));
        layer = l;
        timer.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
        LOG.info("Subscriptions ready: {} restored, {}", restored.size(), c);
        // Event packages are tracked from another thread once this component is up, not bound as references: a
        // package (DFKS) needs this service to activate, so getting it while this component activated was a service
        // cycle, which SCR resolved by leaving the package out, and restored subscriptions were never re-NOTIFYed.
        ServiceTracker<EventPackage, EventPackage> t = new ServiceTracker<>(context, EventPackage.class, null) {
            @Override
            public EventPackage addingService(ServiceReference<EventPackage> ref) {
                EventPackage pkg = super.addingService(ref);
                if (pkg != null) {
                    packages.put(pkg.event(), pkg);
                    layer.register(pkg);
                    resync(pkg);
                }
                return pkg;
            }

            @Override
            public void removedService(ServiceReference<EventPackage> ref, EventPackage pkg) {
                packages.remove(pkg.event(), pkg);
                layer.unregister(pkg);
                super.removedService(ref, pkg);
            }
        };
        eventPackages = t;
        resync.execute(t::open);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Modified
    void modified(Map<String, Object> config) {
        SubscriptionConfig c = SubscriptionConfig.of(SETTINGS.read(config));
        if (!c.notifyEndpoint().equals(layer.config().notifyEndpoint())) {
            LOG.warn("notify.endpoint changes apply at the next start of the subscription bundle");
        }
        layer.configure(c);
        LOG.info("Subscription settings changed: {}", c);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        eventPackages.close();
        resync.shutdownNow();
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        try {
            layer.close();
        } catch (Exception e) {
            LOG.error("Could not write the subscriptions at stop: {}", e.getMessage(), e);
        }
        sender.stop();
    }

    /** Re-NOTIFYs the package's restored subscriptions once, with current state. */
    private void resync(EventPackage pkg) {
        ExecutorService ex = resync;
        if (ex == null) {
            return; // not active yet: activate() resyncs
        }
        List<Subscription> pending = awaitingResync.remove(pkg.event());
        if (pending == null || pending.isEmpty()) {
            return;
        }
        ex.execute(() -> {
            int n = 0;
            for (Subscription s : pending) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    layer.notify(s, pkg.state(s));
                    n++;
                } catch (Exception e) {
                    LOG.warn("No state for restored subscription {}: {}", s, e.getMessage());
                }
            }
            LOG.info("{} restored {} subscriptions re-NOTIFYed with current state", n, pkg.event());
        });
    }

    private void housekeeping() {
        try {
            layer.purge();
            layer.flush();
        } catch (Exception e) {
            LOG.warn("Subscription table write failed (retried): {}", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ delegation

    @Override
    public void subscriberRemoved(SubscriberRemoval removal) {
        int n = layer.endSubscriptionsOf(removal.aor());
        LOG.info("Subscriber {} removed: {} subscriptions terminated", removal.aor(), n);
    }

    @Override
    public SubscribeRequest check(Exchange exchange, EventPackage pkg) {
        return layer.check(exchange, pkg);
    }

    @Override
    public Subscription accept(SubscribeRequest request, NotifyBody state) {
        return layer.accept(request, state);
    }

    @Override
    public Subscription acceptQuietly(SubscribeRequest request) {
        return layer.acceptQuietly(request);
    }

    @Override
    public void notify(Subscription subscription, NotifyBody body) {
        layer.notify(subscription, body);
    }

    @Override
    public boolean terminate(Subscription subscription, String reason, NotifyBody body) {
        return layer.terminate(subscription, reason, body);
    }

    @Override
    public int notifyAll(String event, String presentity, NotifyBody body) {
        return layer.notifyAll(event, presentity, body);
    }

    @Override
    public List<Subscription> subscriptions(String event, String presentity) {
        return layer.subscriptions(event, presentity);
    }

    @Override
    public List<Subscription> all() {
        return layer.all();
    }

    @Override
    public int size() {
        return layer.size();
    }

    @Override
    public long[] notifyCounters() {
        return layer.notifyCounters();
    }
}
