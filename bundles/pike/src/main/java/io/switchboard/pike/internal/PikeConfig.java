package io.switchboard.pike.internal;

import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SourceSubnets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.pike} as pike uses them (milliseconds where it counts time); keys, defaults
 * and valid values are declared in {@link PikeSettings} and read by a {@link SettingsReader} (a bad value is logged
 * and the previous one kept).
 */
record PikeConfig(
        long samplingMillis,
        int density,
        int authFailThreshold,
        int authFailUserThreshold,
        long authFailWindowMillis,
        long banMillis,
        boolean banForbids,
        SourceSubnets exempt,
        int maxEntries) {

    static final PikeConfig DEFAULTS = of(reader(w -> {}).defaults());

    static SettingsReader<PikeSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(PikeSettings.PID, PikeSettings.class, warnings)
                .rule("literal addresses, prefixes that fit", s -> parses(s.exempt__sources()), "exempt_sources");
    }

    static PikeConfig of(PikeSettings s) {
        return new PikeConfig(
                s.sampling__time__unit() * 1000L,
                s.reqs__density__per__unit(),
                s.auth__fail__threshold(),
                s.auth__fail__user__threshold(),
                s.auth__fail__window() * 1000L,
                s.ban__time() * 1000L,
                "403".equals(s.ban__action()),
                SourceSubnets.parse(s.exempt__sources()),
                s.max__entries());
    }

    private static boolean parses(String list) {
        try {
            SourceSubnets.parse(list);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** These properties over the defaults (tests). */
    static PikeConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(PikeConfig.class)::warn).read(p));
    }
}
