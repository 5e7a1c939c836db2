package io.switchboard.ussd.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.ussd} as the gateway uses them; keys, defaults and valid values are declared in
 * {@link UssdSettings} and read by a {@link SettingsReader} (a bad value is logged and the previous one kept).
 *
 * @param menuRoute            the route every step calls ({@code menu.route}, default {@code direct:ussd})
 * @param sessionTimeoutMillis inactivity limit of a session ({@code session_timeout} seconds, default 60)
 * @param routeTimeoutMillis   how long one call of the menu route may take ({@code route_timeout} seconds, default 10)
 * @param ackTimeoutMillis     how long to wait for the ACK of our 200 ({@code ack_timeout} seconds, default 32 = 64*T1)
 * @param language language of our answers when neither the UE nor the route gave one ({@code language}, {@code en})
 * @param asUri                our identity in network-initiated INVITEs ({@code as.uri})
 * @param sipEndpoint          the sip connector requests are sent from ({@code sip.endpoint})
 * @param maxSessions          sessions at once; a new one beyond gets 486 / 503 ({@code max_sessions}, default 10000)
 */
record UssdConfig(
        String menuRoute,
        long sessionTimeoutMillis,
        long routeTimeoutMillis,
        long ackTimeoutMillis,
        String language,
        String asUri,
        String sipEndpoint,
        int maxSessions) {

    static final String DEFAULT_AS_URI = "sip:ussd@{{sip.advertised.host}}";

    static final UssdConfig DEFAULTS = of(reader(w -> {}).defaults());

    /** A reader of PID {@code io.switchboard.ussd}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<UssdSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(UssdSettings.PID, UssdSettings.class, warnings);
    }

    static UssdConfig of(UssdSettings s) {
        return new UssdConfig(
                s.menu_route(),
                millis(s.session__timeout()),
                millis(s.route__timeout()),
                millis(s.ack__timeout()),
                s.language(),
                s.as_uri(),
                s.sip_endpoint(),
                s.max__sessions());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    static UssdConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(UssdConfig.class)::warn).read(p));
    }

    /**
     * This configuration with {@code {{...}}} placeholders of {@code as.uri} resolved (the endpoint resolves its own).
     */
    UssdConfig resolved(UnaryOperator<String> resolver) {
        return new UssdConfig(
                menuRoute,
                sessionTimeoutMillis,
                routeTimeoutMillis,
                ackTimeoutMillis,
                language,
                resolver.apply(asUri),
                sipEndpoint,
                maxSessions);
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
