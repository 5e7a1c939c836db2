package io.switchboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.registrar: Kamailio's names and defaults; a bad value is logged and the previous one kept. */
class RegistrarConfigTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<RegistrarSettings> reader = RegistrarConfig.reader(log::add);

    @Test
    void defaults() {
        assertEquals(
                new RegistrarConfig("", 3600, 60, 3600, 30, true, List.of("MD5")),
                RegistrarConfig.of(reader.read(Map.of())));
        assertEquals(RegistrarConfig.DEFAULTS, RegistrarConfig.of(reader.read(null)));
    }

    @Test
    void keysKeepTheirNamesAndDefaultExpiresStaysWithinMinAndMax() {
        RegistrarConfig c = RegistrarConfig.of(reader.read(Map.of(
                "realm",
                "example.com",
                "auth",
                "false",
                "algorithms",
                "SHA-256 , MD5",
                "max_expires",
                "600",
                "min_expires",
                "30",
                "default_expires",
                "9000",
                "nonce_expires",
                "5")));
        assertEquals(new RegistrarConfig("example.com", 600, 30, 600, 5, false, List.of("SHA-256", "MD5")), c);
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("nonce_expires", "10", "auth", "false"));
        RegistrarConfig c = RegistrarConfig.of(reader.read(
                Map.of("nonce_expires", "ten", "auth", "no", "algorithms", "MD5,SHA-1", "realm", "example.org")));
        assertEquals(10, c.nonceExpires());
        assertEquals(false, c.auth());
        assertEquals(List.of("MD5"), c.algorithms());
        assertEquals("example.org", c.realm(), "a valid key of the same update applies");
        assertEquals(
                List.of(
                        "io.switchboard.registrar: algorithms = 'MD5,SHA-1' rejected (not a list of MD5, "
                                + "SHA-256); keeping MD5",
                        "io.switchboard.registrar: auth = 'no' rejected (not true or false); keeping false",
                        "io.switchboard.registrar: nonce_expires = 'ten' rejected (not a whole number in range); "
                                + "keeping 10"),
                log);
    }

    @Test
    void lookupFailureStatusIs404Or480() {
        assertEquals(404, RegistrarConfig.DEFAULTS.lookupFailureStatus());
        assertEquals(
                480,
                RegistrarConfig.of(reader.read(Map.of("lookup_failure_status", "480")))
                        .lookupFailureStatus());
        assertEquals(
                480,
                RegistrarConfig.of(reader.read(Map.of("lookup_failure_status", "403")))
                        .lookupFailureStatus());
        assertEquals(
                List.of("io.switchboard.registrar: lookup_failure_status = '403' rejected (not 404 or 480); "
                        + "keeping 480"),
                log);
    }

    @Test
    void minAboveMaxKeepsBothPreviousValues() {
        RegistrarConfig c = RegistrarConfig.of(reader.read(Map.of("min_expires", "120", "max_expires", "90")));
        assertEquals(60, c.minExpires());
        assertEquals(3600, c.maxExpires());
        assertEquals(
                List.of("io.switchboard.registrar: min_expires = '120', max_expires = '90' rejected (the rule is "
                        + "min_expires <= max_expires); keeping min_expires = 60, max_expires = 3600"),
                log);
    }
}
