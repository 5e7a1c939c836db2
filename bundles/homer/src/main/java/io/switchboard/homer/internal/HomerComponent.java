package io.switchboard.homer.internal;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import io.switchboard.homer.HomerSyncService;
import io.switchboard.homer.SyncSummary;
import io.switchboard.settings.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel component {@code homer} and the {@link HomerSyncService} of REST and the shell: the settings, the Homer
 * client (its token kept between syncs, replaced when the settings change) and the lock that keeps syncs one at a
 * time. The inventory comes from a route ({@code inventory.route}) of the platform context, so an integrator can
 * replace the shipped file reader with a database query or a call to their own inventory without code.
 */
@Component(
        service = {org.apache.camel.Component.class, HomerSyncService.class},
        property = "camel.name=homer",
        configurationPid = HomerSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HomerSettings.class)
public class HomerComponent extends DefaultComponent implements HomerSyncService {

    private static final Logger LOG = LoggerFactory.getLogger(HomerComponent.class);
    /** Static: the last valid settings outlive a re-activation. */
    private static final SettingsReader<HomerSettings> SETTINGS =
            new SettingsReader<>(HomerSettings.PID, HomerSettings.class, LOG::warn);

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext platform;

    private volatile HomerSettings settings = SETTINGS.defaults();
    private final ReentrantLock running = new ReentrantLock();
    private ProducerTemplate template;
    private HomerApi api;
    private HomerSettings apiSettings;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        settings = SETTINGS.read(properties);
    }

    @Deactivate
    synchronized void deactivate() {
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping the inventory template", e);
            }
            template = null;
        }
    }

    HomerSettings settings() {
        return settings;
    }

    /** For tests outside OSGi: the context the inventory route runs in, and the settings. */
    void use(CamelContext context, Map<String, Object> properties) {
        this.platform = context;
        configure(properties);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!List.of("timer", "sync", "inventory").contains(remaining)) {
            throw new IllegalArgumentException(
                    "homer:" + remaining + " does not exist: use homer:timer, homer:sync or homer:inventory");
        }
        HomerEndpoint e = new HomerEndpoint(uri, this, remaining);
        setProperties(e, parameters);
        return e;
    }

    /** The inventory file, relative to the Karaf base folder unless absolute. */
    Path inventoryFile() {
        Path p = Path.of(settings.inventory_file());
        return p.isAbsolute()
                ? p
                : Path.of(System.getProperty("karaf.base", ".")).resolve(p);
    }

    @Override
    public SyncSummary sync() {
        HomerSettings s = settings;
        if (!s.enabled()) {
            throw new HomerException(
                    Kind.DISABLED,
                    "the Homer alias sync is disabled: set enabled = true (with api.url, user and password) in "
                            + "etc/io.switchboard.homer.cfg");
        }
        running.lock();
        try {
            SyncSummary r = AliasSync.run(() -> inventory(s), api(s));
            LOG.info("Homer alias sync with {}: {}", s.api_url(), r);
            return r;
        } catch (HomerException e) {
            LOG.warn("Homer alias sync with {} failed: {}", s.api_url(), e.getMessage());
            throw e;
        } finally {
            running.unlock();
        }
    }

    /** The client of these settings: the same one (and token) as long as they do not change. */
    private synchronized HomerApi api(HomerSettings s) {
        if (api == null || apiSettings != s) {
            api = new HomerApi(s.api_url(), s.user(), s.password(), Duration.ofMillis(Math.round(s.timeout() * 1000)));
            apiSettings = s;
        }
        return api;
    }

    private Object inventory(HomerSettings s) {
        try {
            return template().requestBody(s.inventory_route(), (Object) null);
        } catch (CamelExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof HomerException h) {
                throw h;
            }
            throw new HomerException(
                    Kind.INVENTORY, "the inventory route " + s.inventory_route() + " failed: " + c.getMessage(), c);
        } catch (RuntimeException e) {
            throw new HomerException(
                    Kind.INVENTORY,
                    "the inventory route " + s.inventory_route() + " cannot be called (is routes/homer.xml "
                            + "loaded?): " + e.getMessage(),
                    e);
        }
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = platform.createProducerTemplate();
        }
        return template;
    }
}
