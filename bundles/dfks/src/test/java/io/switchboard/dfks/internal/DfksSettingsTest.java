package io.switchboard.dfks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PID io.switchboard.dfks: names and defaults as etc/io.switchboard.dfks.cfg ships them; a bad value is logged and
 * the previous valid one kept, an absent or blank one means the default.
 */
class DfksSettingsTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<DfksSettings> reader = DfksServiceComponent.reader(log::add);

    @Test
    void defaultsAndNames() {
        DfksSettings d = reader.read(null);
        assertEquals("direct:dfks-get", d.get_route());
        assertEquals("direct:dfks-set", d.set_route());
        assertEquals(5, d.get_cache_seconds());
        DfksSettings s = reader.read(Map.of(
                "get.route", " direct:crm-features-get ", "set.route", "seda:crm-set", "get.cache.seconds", "3600"));
        assertEquals("direct:crm-features-get", s.get_route(), "trimmed");
        assertEquals("seda:crm-set", s.set_route());
        assertEquals(3600, s.get_cache_seconds());
        assertEquals(0, reader.read(Map.of("get.cache.seconds", 0)).get_cache_seconds(), "0: cache off");
        assertEquals(List.of(), log);
    }

    @Test
    void blankOrAbsentMeansTheDefault() {
        reader.read(Map.of("get.route", "direct:a", "get.cache.seconds", "30"));
        DfksSettings s = reader.read(Map.of("get.route", "  ", "set.route", ""));
        assertEquals("direct:dfks-get", s.get_route());
        assertEquals("direct:dfks-set", s.set_route());
        assertEquals(5, s.get_cache_seconds(), "absent");
        assertEquals(List.of(), log);
    }

    @Test
    void aNegativeCacheTimeKeepsThePreviousValue() {
        reader.read(Map.of("get.cache.seconds", "30"));
        DfksSettings s = reader.read(Map.of("get.cache.seconds", "-1", "get.route", "direct:b"));
        assertEquals(30, s.get_cache_seconds());
        assertEquals("direct:b", s.get_route(), "the other keys of the update apply");
        assertEquals(List.of("io.switchboard.dfks: get.cache.seconds = '-1' rejected (less than 0); keeping 30"), log);
    }

    @Test
    void aCacheTimeOverAnHourOrNotANumberKeepsThePreviousValue() {
        reader.read(Map.of("get.cache.seconds", "60"));
        assertEquals(60, reader.read(Map.of("get.cache.seconds", "3601")).get_cache_seconds());
        assertEquals(60, reader.read(Map.of("get.cache.seconds", "five")).get_cache_seconds());
        assertEquals(2, log.size(), "" + log);
        assertEquals(
                "io.switchboard.dfks: get.cache.seconds = 'five' rejected (not a whole number in range); keeping 60",
                log.get(1));
    }

    @Test
    void theFirstBadValueKeepsTheDefault() {
        assertEquals(5, reader.read(Map.of("get.cache.seconds", "-5")).get_cache_seconds());
        assertEquals(1, log.size(), "" + log);
    }

    @Test
    void aRouteThatIsNoEndpointUriKeepsThePreviousOne() {
        reader.read(Map.of("set.route", "direct:crm-set"));
        DfksSettings s = reader.read(Map.of("set.route", "crm-set"));
        assertEquals("direct:crm-set", s.set_route());
        assertEquals(
                List.of("io.switchboard.dfks: set.route = 'crm-set' rejected (not an endpoint URI "
                        + "(scheme:... or {{property}})); keeping direct:crm-set"),
                log);
    }
}
