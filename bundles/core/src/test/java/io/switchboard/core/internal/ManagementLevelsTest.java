package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ManagementLevelsTest {

    @Test
    void defaultsAreRoutesOnly() {
        ManagementLevels levels = ManagementLevels.of(Map.of());
        assertEquals(ManagementMBeansLevel.RoutesOnly, levels.mbeans);
        assertEquals(ManagementStatisticsLevel.RoutesOnly, levels.statistics);
    }

    @Test
    void namesAreReadWithoutRegardToCase() {
        ManagementLevels levels = ManagementLevels.of(
                Map.of(ManagementLevels.MBEANS, " default ", ManagementLevels.STATISTICS, "EXTENDED"));
        assertEquals(ManagementMBeansLevel.Default, levels.mbeans);
        assertEquals(ManagementStatisticsLevel.Extended, levels.statistics);
    }

    @Test
    void aNameThatIsNoLevelKeepsTheDefault() {
        ManagementLevels levels =
                ManagementLevels.of(Map.of(ManagementLevels.MBEANS, "all", ManagementLevels.STATISTICS, ""));
        assertEquals(ManagementMBeansLevel.RoutesOnly, levels.mbeans);
        assertEquals(ManagementStatisticsLevel.RoutesOnly, levels.statistics);
    }

    /** With RoutesOnly a route has its MBean (which the metrics bundle reads) and its processors have none. */
    @Test
    void routesOnlyRegistersRoutesButNoProcessors() throws Exception {
        assertTrue(processorMBeans(Map.of()).isEmpty());
        assertFalse(processorMBeans(Map.of(ManagementLevels.MBEANS, "Default")).isEmpty());
    }

    private static Set<ObjectName> processorMBeans(Map<String, Object> config) throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.getCamelContextExtension().setName("levels-" + config.hashCode());
            ManagementLevels.of(config).applyTo(ctx);
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
