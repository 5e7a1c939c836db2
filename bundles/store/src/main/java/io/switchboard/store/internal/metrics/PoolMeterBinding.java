package io.switchboard.store.internal.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The database pool's gauges in the platform's meter registry (bundles/metrics): connections active, idle, in total,
 * the pool's maximum and the threads waiting for a connection, read from HikariCP's own pool bean when Prometheus
 * scrapes (no Micrometer tracker inside HikariCP: its optional import of Micrometer would tie the pool bundle's
 * wiring to the metrics bundle). The only class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class PoolMeterBinding {

    static final String CONNECTIONS = "switchboard.db.pool.connections";
    static final String MAX = "switchboard.db.pool.max.connections";
    static final String PENDING = "switchboard.db.pool.pending.threads";

    @Reference
    MeterRegistry registry;

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return;
        }
        connections(pool, "active", HikariPoolMXBean::getActiveConnections);
        connections(pool, "idle", HikariPoolMXBean::getIdleConnections);
        connections(pool, "total", HikariPoolMXBean::getTotalConnections);
        meters.add(Gauge.builder(MAX, pool, HikariDataSource::getMaximumPoolSize)
                .description("Connections the pool may open (db.pool.size)")
                .register(registry));
        meters.add(Gauge.builder(PENDING, pool, p -> read(p, HikariPoolMXBean::getThreadsAwaitingConnection))
                .description("Threads waiting for a connection of the pool")
                .register(registry));
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void connections(HikariDataSource pool, String state, ToIntFunction<HikariPoolMXBean> value) {
        meters.add(Gauge.builder(CONNECTIONS, pool, p -> read(p, value))
                .description("Connections of the platform's database pool by state")
                .tag("state", state)
                .register(registry));
    }

    /** 0 while the pool is not started or closed (its bean is null then). */
    private static double read(HikariDataSource pool, ToIntFunction<HikariPoolMXBean> value) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return bean == null ? 0 : value.applyAsInt(bean);
    }
}
