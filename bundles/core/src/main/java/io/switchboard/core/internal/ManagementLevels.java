package io.switchboard.core.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spi.ManagementStrategy;

/**
 * How much of the platform context Camel's JMX management registers and counts (settings
 * {@code management.mbeans.level} and {@code management.statistics.level} of PID {@code io.switchboard.core}).
 *
 * <p>Camel's own defaults register an MBean for every processor of every route and update a processor's counters on
 * each exchange that passes it. With the default routes that is about 46,000 MBean descriptors held for the life of
 * the context, which a concurrent collector marks at every cycle, and several counter updates per SIP request. The
 * platform reads route statistics only (the metrics bundle, Karaf's {@code camel:route-list}), so both default to
 * {@code RoutesOnly}; {@code Default} (or {@code Extended} for statistics) gives Camel's per-processor view back.
 *
 * <p>Names are Camel's enum constants, read without regard to case. {@link CoreSettings} declares them as text and
 * the settings reader refuses a name that is no level ({@link #isLevel}), so that a typo is logged and the previous
 * level kept like any bad value, and never keeps the platform context from starting.
 */
final class ManagementLevels {

    final ManagementMBeansLevel mbeans;
    final ManagementStatisticsLevel statistics;

    private ManagementLevels(ManagementMBeansLevel mbeans, ManagementStatisticsLevel statistics) {
        this.mbeans = mbeans;
        this.statistics = statistics;
    }

    /**
     * The levels the settings name. The reader has refused names that are no level; should one come here anyway
     * (settings not read by it), the default {@code RoutesOnly} applies rather than an exception.
     */
    static ManagementLevels of(CoreSettings settings) {
        return new ManagementLevels(
                level(settings.management_mbeans_level(), ManagementMBeansLevel.class)
                        .orElse(ManagementMBeansLevel.RoutesOnly),
                level(settings.management_statistics_level(), ManagementStatisticsLevel.class)
                        .orElse(ManagementStatisticsLevel.RoutesOnly));
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

    /** Whether {@code name} is a constant of {@code type}, case aside (the settings reader's rule). */
    static boolean isLevel(String name, Class<? extends Enum<?>> type) {
        return level(name, type).isPresent();
    }

    /** The constants of {@code type}, for the rule's words in a warning. */
    static String oneOf(Class<? extends Enum<?>> type) {
        return "in " + Arrays.toString(type.getEnumConstants()) + ", any case";
    }

    private static <E extends Enum<?>> Optional<E> level(String name, Class<E> type) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
