package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultManagementStrategy;
import org.apache.camel.spi.ManagementAgent;
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

    /**
     * The levels reach the context's management agent. (Camel's JMX agent is not on this module's test class path:
     * it would bring camel-bean with it, which changes how the simple language reads other tests' predicates; the
     * distribution's heap shows the effect, BENCHMARKS.md "Issue 20, second session".)
     */
    @Test
    void theLevelsReachTheContextsAgent() throws Exception {
        Map<String, Object> set = new HashMap<>();
        ManagementAgent agent = (ManagementAgent) Proxy.newProxyInstance(
                ManagementAgent.class.getClassLoader(), new Class<?>[] {ManagementAgent.class}, (proxy, m, args) -> {
                    if (m.getName().startsWith("set") && args != null && args.length == 1) {
                        set.put(m.getName(), args[0]);
                    }
                    Class<?> r = m.getReturnType();
                    return r == boolean.class || r == Boolean.class ? Boolean.FALSE : null;
                });
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.setManagementStrategy(new DefaultManagementStrategy(ctx, agent));
            levels(Map.of("management.statistics.level", "off")).applyTo(ctx);
        }
        assertEquals(ManagementMBeansLevel.RoutesOnly, set.get("setMBeansLevel"));
        assertEquals(ManagementStatisticsLevel.Off, set.get("setStatisticsLevel"));
    }

    /** A context without JMX management (no agent) is left as it is. */
    @Test
    void aContextWithoutManagementIsLeftAlone() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.setManagementStrategy(new DefaultManagementStrategy(ctx));
            levels(Map.of()).applyTo(ctx);
            assertNull(ctx.getManagementStrategy().getManagementAgent());
        }
    }
}
