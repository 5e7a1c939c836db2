package io.switchboard.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * PID io.switchboard.core: names and defaults as etc/io.switchboard.core.cfg ships them; a bad value is logged and
 * the previous valid one kept (it used to throw in activate, and the platform context did not start); the keys that
 * are Camel properties for the routes are neither warned about nor changed.
 */
class CoreSettingsTest {

    /** The shipped file, seen from this module's folder (Maven runs tests in the module's base directory). */
    private static final Path SHIPPED_CFG =
            Path.of("../../karaf-assembly/src/main/resources/assembly/etc/io.switchboard.core.cfg");

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<CoreSettings> reader = PlatformCamelContext.reader(log::add);

    @Test
    void defaultsAndNames() {
        CoreSettings d = reader.read(null);
        assertEquals("", d.routes_dir());
        assertEquals(10, d.shutdown_timeout_seconds());
        assertEquals(500, d.routes_reload_stop_millis());
        assertEquals(2000, d.routes_handover_wait_millis());
        assertEquals(2000, d.routes_delete_grace_millis());
        assertEquals("RoutesOnly", d.management_mbeans_level());
        assertEquals("RoutesOnly", d.management_statistics_level());
        CoreSettings s = reader.read(Map.of(
                "routes.dir", " /etc/switchboard/routes ",
                "shutdown.timeout.seconds", "30",
                "routes.reload.stop.millis", 1000,
                "routes.handover.wait.millis", "5000",
                "routes.delete.grace.millis", "0",
                "management.mbeans.level", "default",
                "management.statistics.level", "Extended"));
        assertEquals("/etc/switchboard/routes", s.routes_dir(), "trimmed");
        assertEquals(30, s.shutdown_timeout_seconds());
        assertEquals(1000, s.routes_reload_stop_millis());
        assertEquals(5000, s.routes_handover_wait_millis());
        assertEquals(0, s.routes_delete_grace_millis(), "0: a deleted file's routes go at once");
        assertEquals(Path.of("/etc/switchboard/routes"), PlatformCamelContext.routesFolder(s));
        assertEquals(List.of(), log);
    }

    @Test
    void theShippedFileHasTheDefaultsAndNoWarning() throws IOException {
        Properties cfg = new Properties();
        try (Reader in = Files.newBufferedReader(SHIPPED_CFG, StandardCharsets.ISO_8859_1)) {
            cfg.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        cfg.forEach((k, v) -> config.put(k.toString(), v));
        assertEquals(reader.defaults(), reader.read(config));
        assertEquals(List.of(), log, "the sip.* keys are Camel properties, not settings of the context");
    }

    @Test
    void anEmptyRoutesDirIsTheRoutesFolderOfKaraf() {
        String base = System.getProperty("karaf.base", ".");
        assertEquals(
                Path.of(base, "routes"), PlatformCamelContext.routesFolder(reader.read(Map.of("routes.dir", " "))));
    }

    @Test
    void everyKeyStaysACamelPropertyAndNoneIsWarnedAbout() {
        Map<String, Object> config = Map.of(
                "sip.host", "0.0.0.0",
                "sip.listener", "sip:{{sip.host}}:{{sip.port}}?transports={{sip.transports}}",
                "my.own.property", "x",
                "shutdown.timeout.seconds", "ten",
                "service.pid", "io.switchboard.core",
                "felix.fileinstall.filename", "file:/opt/etc/io.switchboard.core.cfg");
        reader.read(config);
        assertEquals(1, log.size(), "only the bad setting: " + log);
        Properties props = PlatformCamelContext.camelProperties(config);
        assertEquals(
                Map.of(
                        "sip.host", "0.0.0.0",
                        "sip.listener", "sip:{{sip.host}}:{{sip.port}}?transports={{sip.transports}}",
                        "my.own.property", "x",
                        "shutdown.timeout.seconds", "ten"),
                props,
                "as given, the settings of the context too; not the keys of Config Admin and File Install");
    }

    @Test
    void aBadNumberKeepsThePreviousValueAndTheOtherKeysApply() {
        reader.read(Map.of("shutdown.timeout.seconds", "30", "routes.delete.grace.millis", "5000"));
        CoreSettings s = reader.read(Map.of("shutdown.timeout.seconds", "30s", "routes.delete.grace.millis", "100"));
        assertEquals(30, s.shutdown_timeout_seconds());
        assertEquals(100, s.routes_delete_grace_millis(), "the other keys of the update apply");
        assertEquals(
                List.of("io.switchboard.core: shutdown.timeout.seconds = '30s' rejected (not a whole number in range); "
                        + "keeping 30"),
                log);
    }

    /** Camel throws on a shutdown or route stop timeout of 0: both are at least 1. */
    @Test
    void aTimeoutCamelWouldRefuseKeepsThePreviousValue() {
        CoreSettings s = reader.read(Map.of(
                "shutdown.timeout.seconds", "0", "routes.reload.stop.millis", "0", "routes.delete.grace.millis", "-1"));
        assertEquals(10, s.shutdown_timeout_seconds(), "the first bad value keeps the default");
        assertEquals(500, s.routes_reload_stop_millis());
        assertEquals(2000, s.routes_delete_grace_millis());
        assertEquals(
                List.of(
                        "io.switchboard.core: routes.delete.grace.millis = '-1' rejected (less than 0); keeping 2000",
                        "io.switchboard.core: routes.reload.stop.millis = '0' rejected (less than 1); keeping 500",
                        "io.switchboard.core: shutdown.timeout.seconds = '0' rejected (less than 1); keeping 10"),
                log);
    }

    @Test
    void aHandoverNoLongerThanTheStopKeepsBothPreviousValues() {
        reader.read(Map.of("routes.reload.stop.millis", "800", "routes.handover.wait.millis", "3000"));
        CoreSettings s =
                reader.read(Map.of("routes.reload.stop.millis", "1000", "routes.handover.wait.millis", "1000"));
        assertEquals(800, s.routes_reload_stop_millis());
        assertEquals(3000, s.routes_handover_wait_millis());
        assertEquals(
                List.of("io.switchboard.core: routes.handover.wait.millis = '1000', routes.reload.stop.millis = '1000' "
                        + "rejected (the rule is routes.handover.wait.millis > routes.reload.stop.millis); keeping "
                        + "routes.handover.wait.millis = 3000, routes.reload.stop.millis = 800"),
                log);
    }

    @Test
    void aNameThatIsNoLevelKeepsThePreviousLevel() {
        reader.read(Map.of("management.mbeans.level", "Default", "management.statistics.level", "Extended"));
        CoreSettings s = reader.read(Map.of("management.mbeans.level", "all", "management.statistics.level", "Off"));
        assertEquals("Default", s.management_mbeans_level());
        assertEquals("Off", s.management_statistics_level(), "the other key of the update applies");
        assertEquals(
                List.of("io.switchboard.core: management.mbeans.level = 'all' rejected (the rule is "
                        + "management.mbeans.level in [ContextOnly, RoutesOnly, Default], any case); "
                        + "keeping management.mbeans.level = Default"),
                log);
        ManagementLevels levels = ManagementLevels.of(s);
        assertEquals("Default", levels.mbeans.name());
        assertEquals("Off", levels.statistics.name());
    }

    @Test
    void anEmptyLevelIsTheDefault() {
        reader.read(Map.of("management.statistics.level", "Default"));
        CoreSettings s = reader.read(Map.of("management.mbeans.level", "", "management.statistics.level", " "));
        assertEquals("RoutesOnly", s.management_mbeans_level());
        assertEquals("RoutesOnly", s.management_statistics_level());
        assertEquals(List.of(), log);
    }
}
