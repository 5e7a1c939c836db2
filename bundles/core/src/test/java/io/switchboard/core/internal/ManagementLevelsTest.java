package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The levels as the settings name them, applied to a context: what Camel then registers. */
class ManagementLevelsTest {

    private final List<String> log = new ArrayList<>();

    private ManagementLevels levels(Map<String, ?> config) {
        return ManagementLevels.of(PlatformCamelContext.reader(log::add).read(config));
    }

    @Test
    void defaultsAreRoutesOnly() {
        ManagementLevels levels = levels(Map.of());
        assertEquals(ManagementMBeansLevel.RoutesOnly, levels.mbeans);
        assertEquals(ManagementStatisticsLevel.RoutesOnly, levels.statistics);
        assertEquals(List.of(), log);
    }

    @Test
    void namesAreReadWithoutRegardToCase() {
        ManagementLevels levels =
                levels(Map.of("management.mbeans.level", " default ", "management.statistics.level", "EXTENDED"));
        assertEquals(ManagementMBeansLevel.Default, levels.mbeans);
        assertEquals(ManagementStatisticsLevel.Extended, levels.statistics);
        assertEquals(List.of(), log);
    }

    @Test
    void everyConstantOfCamelIsALevelAndNothingElse() {
        for (ManagementMBeansLevel l : ManagementMBeansLevel.values()) {
            assertTrue(
                    ManagementLevels.isLevel(l.name().toUpperCase(Locale.ROOT), ManagementMBeansLevel.class), "" + l);
        }
        for (ManagementStatisticsLevel l : ManagementStatisticsLevel.values()) {
            assertTrue(ManagementLevels.isLevel(l.name(), ManagementStatisticsLevel.class), "" + l);
        }
        assertFalse(ManagementLevels.isLevel("Off", ManagementMBeansLevel.class), "a statistics level only");
        assertFalse(ManagementLevels.isLevel("all", ManagementStatisticsLevel.class));
        assertEquals(
                "in [ContextOnly, RoutesOnly, Default], any case", ManagementLevels.oneOf(ManagementMBeansLevel.class));
    }

    /** With RoutesOnly a route has its MBean (which the metrics bundle reads) and its processors have none. */
    @Test
    void routesOnlyRegistersRoutesButNoProcessors() throws Exception {
        assertTrue(processorMBeans(Map.of()).isEmpty());
        assertFalse(
                processorMBeans(Map.of("management.mbeans.level", "Default")).isEmpty());
    }

    private Set<ObjectName> processorMBeans(Map<String, Object> config) throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.getCamelContextExtension().setName("levels-" + config.hashCode());
            levels(config).applyTo(ctx);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in")
                            .routeId("levels")
                            .setHeader("x", constant("y"))
                            .to("log:levels?level=OFF");
                }
            });
            ctx.start();
            MBeanServer server =
                    ctx.getManagementStrategy().getManagementAgent().getMBeanServer();
            String name = ctx.getManagementName();
            assertNotNull(
                    server
                            .queryNames(new ObjectName("org.apache.camel:context=" + name + ",type=routes,*"), null)
                            .stream()
                            .findAny()
                            .orElse(null),
                    "the route's MBean");
            return server.queryNames(new ObjectName("org.apache.camel:context=" + name + ",type=processors,*"), null);
        }
    }
}
