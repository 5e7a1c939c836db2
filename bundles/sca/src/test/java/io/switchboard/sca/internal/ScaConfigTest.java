package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.sca: Kamailio's names and defaults; a bad value is logged and the previous one kept. */
class ScaConfigTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<ScaSettings> reader = ScaConfig.reader(log::add);

    @Test
    void defaultsAreKamailios() {
        assertEquals(new ScaConfig(3600, 15, 120, 300, 9, "", 10, 120, 35), ScaConfig.of(reader.read(Map.of())));
        assertEquals(ScaConfig.DEFAULTS, ScaConfig.of(reader.read(null)));
    }

    @Test
    void keysKeepTheirNames() {
        ScaConfig c = ScaConfig.of(reader.read(Map.of(
                "call_info_max_expires",
                "600",
                "line_seize_max_expires",
                "30",
                "purge_expired_interval",
                "1",
                "db_update_interval",
                "5",
                "hash_table_size",
                "4",
                "server_address",
                "sip:sca@example.com",
                "max_appearances",
                "0",
                "seized_ttl",
                "7",
                "active_pending_ttl",
                "8")));
        assertEquals(new ScaConfig(600, 30, 1, 5, 4, "sip:sca@example.com", 0, 7, 8), c);
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("purge_expired_interval", "1", "hash_table_size", "12"));
        ScaConfig c = ScaConfig.of(
                reader.read(Map.of("purge_expired_interval", "soon", "hash_table_size", "21", "seized_ttl", "60")));
        assertEquals(1, c.purgeExpiredInterval());
        assertEquals(12, c.hashTableSize());
        assertEquals(60, c.seizedTtl(), "a valid key of the same update applies");
        assertEquals(
                List.of(
                        "io.switchboard.sca: hash_table_size = '21' rejected (more than 20); keeping 12",
                        "io.switchboard.sca: purge_expired_interval = 'soon' rejected (not a whole number in range); "
                                + "keeping 1"),
                log);
    }

    @Test
    void aBadValueAtTheFirstReadKeepsTheDefault() {
        assertEquals(ScaConfig.DEFAULTS, ScaConfig.of(reader.read(Map.of("max_appearances", "-1"))));
        assertEquals(List.of("io.switchboard.sca: max_appearances = '-1' rejected (less than 0); keeping 10"), log);
    }
}
