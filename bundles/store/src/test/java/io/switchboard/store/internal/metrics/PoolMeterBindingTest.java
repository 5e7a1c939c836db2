package io.switchboard.store.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.store.internal.StoreComponent;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolMeterBindingTest {

    @TempDir
    Path dir;

    @Test
    void readsThePoolsConnectionsFromHikari() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HikariDataSource pool = StoreComponent.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 3)) {
            PoolMeterBinding b = new PoolMeterBinding();
            b.registry = registry;
            b.dataSource = pool;
            b.activate();
            try (Connection c = pool.getConnection()) {
                assertEquals(1, value(registry, "active"));
                assertEquals(3, registry.get(PoolMeterBinding.MAX).gauge().value());
                assertEquals(0, registry.get(PoolMeterBinding.PENDING).gauge().value());
            }
            assertEquals(0, value(registry, "active"));
            b.deactivate();
            assertNull(registry.find(PoolMeterBinding.CONNECTIONS).gauge());
        }
    }

    private static double value(SimpleMeterRegistry registry, String state) {
        return registry.get(PoolMeterBinding.CONNECTIONS)
                .tag("state", state)
                .gauge()
                .value();
    }
}
