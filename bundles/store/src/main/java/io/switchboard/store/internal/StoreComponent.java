package io.switchboard.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SchemaMigrations;
import io.switchboard.store.SubscriberListener;
import io.switchboard.store.SubscriberStore;
import java.io.File;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one DataSource: configuration PID {@code io.switchboard.store}. Opens the pool, runs the
 * store's own migrations, then registers {@code javax.sql.DataSource} with {@code dataSourceName=switchboard}
 * and the {@link SubscriberStore}. A changed configuration re-creates everything. The {@link SubscriberListener}
 * services (registrar, subscription layer, dialogs: whichever are installed) are told of every removal; they are
 * bound dynamically, so a listener that comes or goes never restarts the store and its pool.
 */
@Component(
        configurationPid = StoreSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = StoreSettings.class)
public class StoreComponent {

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);
    /** Static: a change re-activates the component, and a bad value then keeps the last valid settings. */
    private static final SettingsReader<StoreSettings> SETTINGS = reader(LOG::warn);

    public static final String DATA_SOURCE_NAME = "switchboard";

    private HikariDataSource pool;
    private ServiceRegistration<DataSource> dsRegistration;
    private ServiceRegistration<SubscriberStore> subscribersRegistration;
    private final CopyOnWriteArrayList<SubscriberListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeListener")
    void addListener(SubscriberListener listener) {
        listeners.add(listener);
    }

    void removeListener(SubscriberListener listener) {
        listeners.remove(listener);
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> config) throws Exception {
        StoreSettings s = SETTINGS.read(config);
        String url = s.db_url().isEmpty() ? defaultUrl() : s.db_url();
        String user = s.db_user().isEmpty() && url.startsWith("jdbc:h2:") ? "sa" : s.db_user();
        pool = open(url, user, s.db_password(), s.db_pool_size());
        try {
            migrateStore(pool);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("dataSourceName", DATA_SOURCE_NAME);
            props.put("osgi.jndi.service.name", DATA_SOURCE_NAME);
            dsRegistration = context.registerService(DataSource.class, pool, props);
            subscribersRegistration =
                    context.registerService(SubscriberStore.class, new JdbcSubscriberStore(pool, listeners), null);
            LOG.info("Store {} ready (pool of {})", redact(url), pool.getMaximumPoolSize());
        } catch (Exception e) {
            pool.close();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        if (subscribersRegistration != null) {
            subscribersRegistration.unregister();
        }
        if (dsRegistration != null) {
            dsRegistration.unregister();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** Runs the store bundle's migrations (table {@code subscriber}). */
    public static void migrateStore(DataSource ds) throws Exception {
        SchemaMigrations.migrate(ds, "store", StoreComponent.class.getClassLoader(), "db/store/V1__subscribers.sql");
    }

    /** A HikariCP pool over the H2 or PostgreSQL driver's own DataSource (no DriverManager: works in OSGi). */
    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        DataSource raw;
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            raw = h2;
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password);
            raw = pg;
        } else {
            throw new IllegalArgumentException(
                    "db.url must start with jdbc:h2: or jdbc:postgresql: — got " + redact(url));
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("switchboard");
        hc.setDataSource(raw);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(10_000);
        return new HikariDataSource(hc);
    }

    static String defaultUrl() {
        String data = System.getProperty("karaf.data", "data");
        File dir = new File(data, "switchboard");
        return "jdbc:h2:file:" + new File(dir, "switchboard").getAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** A reader of PID {@code io.switchboard.store}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<StoreSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(StoreSettings.PID, StoreSettings.class, warnings);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }
}
