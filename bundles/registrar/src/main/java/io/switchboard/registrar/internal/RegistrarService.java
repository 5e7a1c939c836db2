package io.switchboard.registrar.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.registrar.AuthenticationListener;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SchemaMigrations;
import io.switchboard.store.SubscriberListener;
import io.switchboard.store.SubscriberRemoval;
import io.switchboard.store.SubscriberStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's state: the location table (restored from the store at start, written behind every
 * second and at stop), the digest authenticator, the settings of PID {@code io.switchboard.registrar}
 * (applied in place when they change). Also the {@link LocationService} of the platform, and a
 * {@link SubscriberListener}: a removed subscriber's contacts leave memory and their rows are deleted at once
 * (not a second later by the write-behind), so that no call reaches its phones and no restart brings them back.
 */
@Component(
        service = {RegistrarService.class, LocationService.class, SubscriberListener.class},
        configurationPid = RegistrarSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RegistrarSettings.class)
public class RegistrarService implements LocationService, SubscriberListener {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrarService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<RegistrarSettings> SETTINGS = RegistrarConfig.reader(LOG::warn);

    static final long FLUSH_INTERVAL_MILLIS = 1000;

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    @Reference
    SubscriberStore subscribers;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while phones register.
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

    private final ContactEvents events = new ContactEvents(eventBus);
    private LocationTable table;
    private volatile Registrar registrar;
    /** Listeners bound before activation (DS binds static references first) or while the registrar is away. */
    private final List<AuthenticationListener> listeners = new CopyOnWriteArrayList<>();

    private ScheduledExecutorService timer;

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticationListener(AuthenticationListener l) {
        listeners.add(l);
        Registrar r = registrar;
        if (r != null) {
            r.addListener(l);
        }
    }

    void removeAuthenticationListener(AuthenticationListener l) {
        listeners.remove(l);
        Registrar r = registrar;
        if (r != null) {
            r.removeListener(l);
        }
    }

    @Activate
    void activate(Map<String, Object> config) throws Exception {
        RegistrarConfig c = RegistrarConfig.of(SETTINGS.read(config));
        migrate(dataSource);
        table = new LocationTable(dataSource, System::currentTimeMillis);
        table.refreshDelayMillis(c.timerInterval() * 1000L);
        table.load();
        Registrar created = new Registrar(table, subscribers, c, System::currentTimeMillis);
        listeners.forEach(created::addListener);
        created.events(events);
        registrar = created;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-registrar-writer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                this::housekeeping, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Registrar ready: {}", c);
    }

    @Modified
    void modified(Map<String, Object> config) {
        RegistrarConfig c = RegistrarConfig.of(SETTINGS.read(config));
        registrar.configure(c);
        table.refreshDelayMillis(c.timerInterval() * 1000L);
        LOG.info("Registrar settings changed: {}", c);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        try {
            table.flushAll();
        } catch (Exception e) {
            LOG.error("Could not write the location table at stop: {}", e.getMessage(), e);
        }
    }

    /** The location table (for the metrics: AoRs and contacts registered). */
    public LocationTable table() {
        return table;
    }

    /** Runs the registrar bundle's migrations (table {@code registrar_contact}). */
    public static void migrate(DataSource ds) throws Exception {
        SchemaMigrations.migrate(
                ds, "registrar", RegistrarService.class.getClassLoader(), "db/registrar/V1__location.sql");
    }

    private void housekeeping() {
        try {
            long now = System.currentTimeMillis();
            table.purge(b -> events.publish("expired", b, now));
            registrar.authenticator().purge();
            registrar.sweepChallenges();
            table.flush();
        } catch (Exception e) {
            LOG.warn("Location table write failed (retried): {}", e.getMessage());
        }
    }

    @Override
    public void subscriberRemoved(SubscriberRemoval removal) {
        int n = table.removeAll(removal.aor());
        try {
            table.flush();
        } catch (Exception e) {
            LOG.warn(
                    "Contacts of removed subscriber {} left memory; their rows go at the next write: {}",
                    removal.aor(),
                    e.getMessage());
        }
        LOG.info("Subscriber {} removed: {} registered contacts dropped", removal.aor(), n);
    }

    Registrar registrar() {
        return registrar;
    }

    @Override
    public List<ContactBinding> lookup(String aor) {
        return table.lookup(aor);
    }

    @Override
    public Map<String, List<ContactBinding>> all() {
        return table.all();
    }
}
