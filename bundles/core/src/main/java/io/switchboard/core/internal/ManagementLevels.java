package io.switchboard.core.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spi.ManagementStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of the platform context Camel's JMX management registers and counts (settings
 * {@code management.mbeans.level} and {@code management.statistics.level} of PID {@code io.switchboard.core}).
 *
 * <p>Camel's own defaults register an MBean for every processor of every route and update a processor's counters on
 * each exchange that passes it. With the default routes that is about 46,000 MBean descriptors held for the life of
 * the context, which a concurrent collector marks at every cycle, and several counter updates per SIP request. The
 * platform reads route statistics only (the metrics bundle, Karaf's {@code camel:route-list}), so both default to
 * {@code RoutesOnly}; {@code Default} (or {@code Extended} for statistics) gives Camel's per-processor view back.
 */
final class ManagementLevels {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementLevels.class);

    static final String MBEANS = "management.mbeans.level";
    static final String STATISTICS = "management.statistics.level";

    final ManagementMBeansLevel mbeans;
    final ManagementStatisticsLevel statistics;

    private ManagementLevels(ManagementMBeansLevel mbeans, ManagementStatisticsLevel statistics) {
        this.mbeans = mbeans;
        this.statistics = statistics;
    }

    /**
     * The levels the settings name; a name that is not a level is rejected with a warning that lists the ones that
     * are, and the default applies (a typo must not keep the platform context from starting).
     */
    static ManagementLevels of(Map<String, Object> config) {
        return new ManagementLevels(
                level(config, MBEANS, ManagementMBeansLevel.class, ManagementMBeansLevel.RoutesOnly),
                level(config, STATISTICS, ManagementStatisticsLevel.class, ManagementStatisticsLevel.RoutesOnly));
    }

    /** Applies the levels; before the context starts, since Camel registers the MBeans as it starts routes. */
    void applyTo(CamelContext context) {
        ManagementStrategy strategy = context.getManagementStrategy();
        ManagementAgent agent = strategy == null ? null : strategy.getManagementAgent();
        if (agent != null) {
            agent.setMBeansLevel(mbeans);
            agent.setStatisticsLevel(statistics);
        }
    }

    private static <E extends Enum<E>> E level(Map<String, Object> config, String key, Class<E> type, E fallback) {
        Object v = config.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        String name = v.toString().trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        LOG.warn(
                "io.switchboard.core: {} = {} rejected, expected one of {}; using {}",
                key,
                name,
                Arrays.toString(type.getEnumConstants()),
                fallback);
        return fallback;
    }
}
