package io.switchboard.cx.internal;

import io.switchboard.cx.Hss;
import io.switchboard.cx.ImsStore;
import io.switchboard.cx.internal.ifc.IfcMatcher;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SchemaMigrations;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * The Cx bundle in OSGi (PID {@code io.switchboard.cx}): migrates the {@code ims_*} tables, then registers the
 * {@link ImsStore} and the {@link Hss}. The {@code ifc} Camel component follows this component dynamically.
 */
@Component(
        service = CxServiceComponent.class,
        configurationPid = CxSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CxSettings.class)
public class CxServiceComponent {

    private static final Logger LOG = LoggerFactory.getLogger(CxServiceComponent.class);
    /** Static: a change re-activates the component, and a bad value then keeps the last valid settings. */
    private static final SettingsReader<CxSettings> SETTINGS =
            new SettingsReader<>(CxSettings.PID, CxSettings.class, LOG::warn);

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while the HSS answers.
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

    private ImsStore store;
    private HssEngine hss;
    private IfcMatcher ifc;
    private ServiceRegistration<?> storeRegistration;
    private ServiceRegistration<?> hssRegistration;

    @Activate
    void activate(BundleContext context, Map<String, Object> config) throws Exception {
        migrate(dataSource);
        HssConfig hssConfig = config(SETTINGS.read(config));
        store = new JdbcImsStore(dataSource);
        hss = new HssEngine(store, hssConfig, new RegistrationEvents(eventBus));
        ifc = new IfcMatcher(store);
        Dictionary<String, Object> props = new Hashtable<>();
        storeRegistration = context.registerService(ImsStore.class, store, props);
        hssRegistration = context.registerService(Hss.class, hss, props);
        LOG.info(
                "Cx HSS ready: home networks {}, default S-CSCF '{}'",
                hssConfig.homeNetworks(),
                hssConfig.defaultScscf());
    }

    @Deactivate
    void deactivate() {
        if (hssRegistration != null) {
            hssRegistration.unregister();
        }
        if (storeRegistration != null) {
            storeRegistration.unregister();
        }
    }

    /** Runs the bundle's migrations (tables {@code ims_*}). */
    public static void migrate(DataSource ds) throws Exception {
        SchemaMigrations.migrate(ds, "cx", CxServiceComponent.class.getClassLoader(), "db/cx/V1__ims_subscribers.sql");
    }

    static HssConfig config(CxSettings s) {
        List<String> home = Arrays.stream(s.home_networks().split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
        return new HssConfig(home, s.default_scscf().trim(), s.max__auth__items(), s.overwrite_scscf());
    }

    public ImsStore store() {
        return store;
    }

    public Hss hss() {
        return hss;
    }

    public IfcMatcher ifc() {
        return ifc;
    }
}
