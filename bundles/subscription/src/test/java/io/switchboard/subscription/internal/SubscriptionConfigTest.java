package io.switchboard.subscription.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SourceSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID io.switchboard.subscription: names and defaults; a bad value is logged and the previous one kept. */
class SubscriptionConfigTest {

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<SubscriptionSettings> reader = SubscriptionConfig.reader(log::add);

    @Test
    void defaults() {
        assertEquals(
                new SubscriptionConfig(60, 3600, 3600, "{{sip.listener}}", SourceSubnets.NONE),
                SubscriptionConfig.of(reader.read(Map.of())));
        assertEquals(SubscriptionConfig.DEFAULTS, SubscriptionConfig.of(reader.read(null)));
    }

    @Test
    void keysKeepTheirNamesAndDefaultExpiresStaysWithinMinAndMax() {
        SubscriptionConfig c = SubscriptionConfig.of(reader.read(Map.of(
                "min_expires",
                "1",
                "max_expires",
                "120",
                "default_expires",
                "9000",
                "notify.endpoint",
                "sip:127.0.0.1:5070")));
        assertEquals(new SubscriptionConfig(1, 120, 120, "sip:127.0.0.1:5070", SourceSubnets.NONE), c);
        assertEquals(List.of(), log);
    }

    @Test
    void aBadValueKeepsThePreviousSetting() {
        reader.read(Map.of("min_expires", "1"));
        SubscriptionConfig c = SubscriptionConfig.of(reader.read(Map.of("min_expires", "1s", "max_expires", "600")));
        assertEquals(1, c.minExpires());
        assertEquals(600, c.maxExpires(), "a valid key of the same update applies");
        assertEquals(
                List.of("io.switchboard.subscription: min_expires = '1s' rejected (not a whole number in range); "
                        + "keeping 1"),
                log);
    }

    @Test
    void minAboveMaxKeepsBothPreviousValues() {
        SubscriptionConfig c = SubscriptionConfig.of(reader.read(Map.of("min_expires", "100", "max_expires", "50")));
        assertEquals(60, c.minExpires());
        assertEquals(3600, c.maxExpires());
        assertEquals(
                List.of("io.switchboard.subscription: min_expires = '100', max_expires = '50' rejected (the rule "
                        + "is min_expires <= max_expires); keeping min_expires = 60, max_expires = 3600"),
                log);
    }
}
