package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SchemaMigrations;
import io.switchboard.subscription.EventPackage;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
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
 * DFKS in OSGi (PID {@code io.switchboard.dfks}, keys in {@link DfksSettings}): the {@link DfksService},
 * the {@code as-feature-event} {@link EventPackage} of the subscription layer; creates table {@code dfks_feature}
 * of the default routes through the store's migrations.
 */
@Component(
        service = {DfksService.class, EventPackage.class, DfksServiceComponent.class},
        configurationPid = DfksSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DfksSettings.class)
public class DfksServiceComponent implements DfksService, EventPackage {

    private static final Logger LOG = LoggerFactory.getLogger(DfksServiceComponent.class);
    /** Static: the last valid settings outlive the re-activation a change causes, so a bad value then keeps them. */
    private static final SettingsReader<DfksSettings> SETTINGS = reader(LOG::warn);

    static final String DEFAULT_GET = "direct:dfks-get";
    static final String DEFAULT_SET = "direct:dfks-set";
    /** Seconds a get route answer is kept per user (etc/io.switchboard.dfks.cfg get.cache.seconds; 0: off). */
    static final int DEFAULT_CACHE_SECONDS = 5;
    /** Users kept at most; reaching it empties the cache. */
    static final int CACHE_MAX_ENTRIES = 100_000;

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    @Reference
    SubscriptionService subscriptions;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while features change.
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

    private ProducerTemplate template;
    private DfksEngine engine;

    @Activate
    void activate(Map<String, Object> config) throws Exception {
        SchemaMigrations.migrate(
                dataSource, "dfks", DfksServiceComponent.class.getClassLoader(), "db/dfks/V1__features.sql");
        DfksSettings s = SETTINGS.read(config);
        String get = s.get_route();
        String set = s.set_route();
        template = camelContext.createProducerTemplate();
        int cacheSeconds = s.get_cache_seconds();
        engine = new DfksEngine(
                subscriptions,
                new FeatureRoutes(template, get, set),
                new FeatureEvents(eventBus),
                new FeatureCache(cacheSeconds, CACHE_MAX_ENTRIES, System::nanoTime));
        LOG.info(
                "DFKS ready (as-feature-event): get route {}, set route {}, get answers kept {} s",
                get,
                set,
                cacheSeconds);
    }

    /** A reader of PID {@code io.switchboard.dfks}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<DfksSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(DfksSettings.PID, DfksSettings.class, warnings);
    }

    @Deactivate
    void deactivate() {
        try {
            template.stop();
        } catch (RuntimeException e) {
            LOG.debug("producer template stop", e);
        }
    }

    void subscribe(Exchange exchange) {
        engine.subscribe(exchange);
    }

    @Override
    public String event() {
        return engine.event();
    }

    @Override
    public String contentType() {
        return engine.contentType();
    }

    @Override
    public NotifyBody state(Subscription subscription) throws Exception {
        return engine.state(subscription);
    }

    @Override
    public List<FeatureState> get(String user, String domain) throws DfksException {
        return engine.get(user, domain);
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
        return engine.set(user, domain, feature, status, forwardTo, ringCount, source, param);
    }

    @Override
    public int subscriptions(String user, String domain) {
        return engine.subscriptions(user, domain);
    }
}
