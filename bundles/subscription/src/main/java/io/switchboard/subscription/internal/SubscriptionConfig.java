package io.switchboard.subscription.internal;

import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SourceSubnets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.subscription} as the layer uses them; keys, defaults and valid values are
 * declared in {@link SubscriptionSettings} and read by a {@link SettingsReader} (a bad value is logged and the
 * previous one kept). {@code default_expires} is brought within {@code min_expires..max_expires}.
 *
 * @param trustedSources the sources whose SUBSCRIBEs are not challenged ({@code trusted_sources})
 */
public record SubscriptionConfig(
        int minExpires, int maxExpires, int defaultExpires, String notifyEndpoint, SourceSubnets trustedSources) {

    public static final SubscriptionConfig DEFAULTS = of(reader(w -> {}).defaults());

    /** A reader of PID {@code io.switchboard.subscription}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<SubscriptionSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(SubscriptionSettings.PID, SubscriptionSettings.class, warnings)
                .rule(
                        "min_expires <= max_expires",
                        s -> s.min__expires() <= s.max__expires(),
                        "min_expires",
                        "max_expires")
                .rule(
                        "trusted_sources are IP addresses or subnets",
                        s -> valid(s.trusted__sources()),
                        "trusted_sources");
    }

    private static boolean valid(String trusted) {
        try {
            SourceSubnets.parse(trusted);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static SubscriptionConfig of(SubscriptionSettings s) {
        int dflt = Math.min(Math.max(s.default__expires(), s.min__expires()), s.max__expires());
        return new SubscriptionConfig(
                s.min__expires(),
                s.max__expires(),
                dflt,
                s.notify_endpoint(),
                SourceSubnets.parse(s.trusted__sources()));
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    public static SubscriptionConfig from(Map<String, ?> p) {
        return of(
                reader(LoggerFactory.getLogger(SubscriptionConfig.class)::warn).read(p));
    }
}
