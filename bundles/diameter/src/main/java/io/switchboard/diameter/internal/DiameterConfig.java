package io.switchboard.diameter.internal;

import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Settings of PID {@code io.switchboard.diameter} as the node uses them (declared in {@link DiameterSettings}).
 *
 * @param host               bind address of the server
 * @param port               server port, 0 for none
 * @param originHost         our identity
 * @param originRealm        our realm
 * @param peers              configured peers
 * @param realms             realms whose every host is accepted (lower case)
 * @param applications       what we advertise
 * @param watchdogMillis     Tw
 * @param requestTimeoutMillis default answer time-out
 * @param reconnectMaxMillis longest back-off between connection attempts
 * @param maxMessageSize     largest message accepted
 * @param productName        Product-Name
 */
record DiameterConfig(
        String host,
        int port,
        String originHost,
        String originRealm,
        List<PeerConfig> peers,
        Set<String> realms,
        List<ApplicationDefinition> applications,
        long watchdogMillis,
        long requestTimeoutMillis,
        long reconnectMaxMillis,
        int maxMessageSize,
        String productName) {

    static SettingsReader<DiameterSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(DiameterSettings.PID, DiameterSettings.class, warnings);
    }

    /** These properties over the defaults (a bad value is logged and the default kept). */
    static DiameterConfig from(Map<String, ?> p, Consumer<String> warnings) {
        return of(reader(warnings).read(p));
    }

    static DiameterConfig of(DiameterSettings s) {
        List<ApplicationDefinition> apps = new ArrayList<>();
        for (String name : s.applications().split(",")) {
            String n = name.strip();
            if (!n.isEmpty()) {
                apps.add(DiameterDictionary.standard()
                        .application(n)
                        .orElseThrow(() -> new IllegalArgumentException("unknown Diameter application " + n)));
            }
        }
        return new DiameterConfig(
                s.host(),
                s.port(),
                s.origin_host(),
                s.origin_realm(),
                PeerConfig.parse(s.peers()),
                Arrays.stream(s.realms().split(","))
                        .map(r -> r.strip().toLowerCase(Locale.ROOT))
                        .filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                List.copyOf(apps),
                millis(s.watchdog_interval()),
                millis(s.request_timeout()),
                millis(s.reconnect_max()),
                s.max__message__size(),
                s.product_name());
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
