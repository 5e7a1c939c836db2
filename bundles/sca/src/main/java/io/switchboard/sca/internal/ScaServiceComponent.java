package io.switchboard.sca.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * SCA in OSGi (PID {@code io.switchboard.sca}): the {@link ScaService}, the proxy listener that sees the responses
 * of calls, and the two {@link EventPackage} services ({@code call-info}, {@code line-seize}) of the subscription
 * layer, registered by hand because one component can publish one package only.
 */
@Component(
        service = {ScaService.class, SipProxyListener.class, ScaServiceComponent.class},
        configurationPid = ScaSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ScaSettings.class)
public class ScaServiceComponent implements ScaService, SipProxyListener {

    private static final Logger LOG = LoggerFactory.getLogger(ScaServiceComponent.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<ScaSettings> SETTINGS = ScaConfig.reader(LOG::warn);

    @Reference
    SubscriptionService subscriptions;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while lines are in use.
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

    /** Dynamic: the store re-opening its pool must not restart SCA, whose appearances live in memory. */
    private volatile DataSource dataSource;

    private final LineMembers members = new LineMembers(() -> dataSource);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(dataSourceName=switchboard)")
    void bindDataSource(DataSource ds) {
        try {
            LineMembers.migrate(ds);
            dataSource = ds;
        } catch (Exception | LinkageError e) {
            LOG.error("SCA: cannot prepare table sca_line_member: no line has members (their SUBSCRIBEs get 403)", e);
        }
    }

    void unbindDataSource(DataSource ds) {
        if (dataSource == ds) {
            dataSource = null;
        }
    }

    private volatile ScaEngine engine;
    private final List<ServiceRegistration<?>> packages = new ArrayList<>();
    private BundleContext bundleContext;
    private ScheduledExecutorService timer;

    @Activate
    void activate(BundleContext context, Map<String, Object> config) {
        ScaConfig c = ScaConfig.of(SETTINGS.read(config));
        ScaEngine e =
                new ScaEngine(subscriptions, c, System::currentTimeMillis, members, new AppearanceEvents(eventBus));
        engine = e;
        bundleContext = context;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sca-stale");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        int n = engine.purgeStale();
                        if (n > 0) {
                            LOG.info("SCA: {} stale appearances released", n);
                        }
                    } catch (RuntimeException ex) {
                        LOG.warn("SCA stale appearance purge failed", ex);
                    }
                },
                5,
                5,
                TimeUnit.SECONDS);
        LOG.info("SCA ready (call-info, line-seize): {}", c);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ScaConfig c = ScaConfig.of(SETTINGS.read(config));
        engine.configure(c);
        LOG.info("SCA settings changed: {} (hash_table_size and max_appearances apply at the next start)", c);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        withdrawPackages();
    }

    /**
     * Publishes the call-info and line-seize packages: the subscription layer then re-NOTIFYs their restored
     * subscriptions, so this waits for the {@code sca} component to have this service (it calls it when bound):
     * a phone that answers its NOTIFY with a SUBSCRIBE at once must not find the component without it (503).
     */
    synchronized void publishPackages() {
        if (packages.isEmpty() && bundleContext != null) {
            packages.add(bundleContext.registerService(EventPackage.class, engine.callInfo, null));
            packages.add(bundleContext.registerService(EventPackage.class, engine.lineSeize, null));
        }
    }

    synchronized void withdrawPackages() {
        for (ServiceRegistration<?> r : packages) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("already unregistered", e);
            }
        }
        packages.clear();
    }

    ScaEngine engine() {
        return engine;
    }

    /** Appearances of every line in {@code state} now; takes no lock (the metrics' gauge). */
    public int appearancesIn(AppearanceState state) {
        ScaEngine e = engine;
        return e == null ? 0 : e.appearancesIn(state);
    }

    @Override
    public void onProxyEvent(SipProxyEvent event) {
        ScaEngine e = engine;
        if (e != null) {
            e.response(event);
        }
    }

    @Override
    public List<Subscription> subscriptions() {
        return engine.operations().subscriptions();
    }

    @Override
    public List<Appearance> appearances() {
        return engine.operations().appearances();
    }

    @Override
    public List<Appearance> appearances(String aor) {
        return engine.operations().appearances(aor);
    }

    @Override
    public Appearance seize(String aor, String contact) throws ScaException {
        return engine.operations().seize(aor, contact);
    }

    @Override
    public Appearance update(String aor, int index, AppearanceState state, String display) throws ScaException {
        return engine.operations().update(aor, index, state, display);
    }

    @Override
    public void release(String aor, int index) throws ScaException {
        engine.operations().release(aor, index);
    }

    @Override
    public boolean deactivate(String subscriptionId) {
        return engine.operations().deactivate(subscriptionId);
    }

    @Override
    public List<String> members(String line) throws ScaException {
        return engine.operations().members(line);
    }

    @Override
    public boolean addMember(String line, String member) throws ScaException {
        return engine.operations().addMember(line, member);
    }

    @Override
    public boolean removeMember(String line, String member) throws ScaException {
        return engine.operations().removeMember(line, member);
    }
}
