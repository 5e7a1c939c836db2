package io.switchboard.ussd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.ussd: names and defaults; a bad value is logged and the previous one kept. */
class UssdConfigTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<UssdSettings> reader = UssdConfig.reader(log::add);

    @Test
    void defaults() {
        assertEquals(
                new UssdConfig(
                        "direct:ussd",
                        60_000,
                        10_000,
                        32_000,
                        "en",
                        UssdConfig.DEFAULT_AS_URI,
                        "{{sip.listener}}",
                        10_000),
                UssdConfig.of(reader.read(Map.of())));
        assertEquals(UssdConfig.DEFAULTS, UssdConfig.of(reader.read(null)));
    }

    @Test
    void keysKeepTheirNamesAndSecondsMayHaveFractions() {
        UssdConfig c = UssdConfig.of(reader.read(Map.of(
                "menu.route",
                "direct:menu",
                "session_timeout",
                "1.5",
                "route_timeout",
                "2",
                "ack_timeout",
                "0.25",
                "language",
                "de",
                "as.uri",
                "sip:as@example.com",
                "sip.endpoint",
                "sip:127.0.0.1:5070",
                "max_sessions",
                "3")));
        assertEquals(
                new UssdConfig("direct:menu", 1500, 2000, 250, "de", "sip:as@example.com", "sip:127.0.0.1:5070", 3), c);
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("session_timeout", "3"));
        UssdConfig c =
                UssdConfig.of(reader.read(Map.of("session_timeout", "3s", "max_sessions", "0", "route_timeout", "5")));
        assertEquals(3000, c.sessionTimeoutMillis());
        assertEquals(10_000, c.maxSessions());
        assertEquals(5000, c.routeTimeoutMillis(), "a valid key of the same update applies");
        assertEquals(
                List.of(
                        "io.switchboard.ussd: max_sessions = '0' rejected (less than 1); keeping 10000",
                        "io.switchboard.ussd: session_timeout = '3s' rejected (not a number); keeping 3.0"),
                log);
    }

    @Test
    void aTimeoutOfNoTimeIsRejected() {
        UssdConfig c = UssdConfig.of(reader.read(Map.of("ack_timeout", "0")));
        assertEquals(32_000, c.ackTimeoutMillis());
        assertEquals(List.of("io.switchboard.ussd: ack_timeout = '0' rejected (less than 0.001); keeping 32.0"), log);
    }
}
