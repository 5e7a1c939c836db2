package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.store: names and defaults; a bad value is logged and the previous one kept. */
class StoreSettingsTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<StoreSettings> reader = StoreComponent.reader(log::add);

    @Test
    void defaultsAndNames() {
        StoreSettings d = reader.read(Map.of());
        assertEquals("", d.db_url(), "empty: the embedded H2 file under karaf.data");
        assertEquals(10, d.db_pool_size());
        StoreSettings s = reader.read(Map.of(
                "db.url",
                "jdbc:postgresql://127.0.0.1:5432/switchboard",
                "db.user",
                "switchboard",
                "db.password",
                "secret",
                "db.pool.size",
                "4"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/switchboard", s.db_url());
        assertEquals("switchboard", s.db_user());
        assertEquals("secret", s.db_password());
        assertEquals(4, s.db_pool_size());
        assertFalse(s.toString().contains("secret"), s.toString());
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("db.url", "jdbc:h2:mem:x", "db.pool.size", "4"));
        StoreSettings s = reader.read(Map.of("db.url", "jdbc:mysql://db/x", "db.pool.size", "0", "db.user", "u"));
        assertEquals("jdbc:h2:mem:x", s.db_url());
        assertEquals(4, s.db_pool_size());
        assertEquals("u", s.db_user(), "a valid key of the same update applies");
        assertEquals(
                List.of(
                        "io.switchboard.store: db.pool.size = '0' rejected (less than 1); keeping 4",
                        "io.switchboard.store: db.url = 'jdbc:mysql://db/x' rejected (not a jdbc:h2: or "
                                + "jdbc:postgresql: URL); "
                                + "keeping jdbc:h2:mem:x"),
                log);
    }
}
