package io.switchboard.sca.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.sca} as the engine uses them; the keys, defaults and valid ranges are
 * declared in {@link ScaSettings} and read by a {@link SettingsReader} (a bad value is logged and the previous one
 * kept).
 */
record ScaConfig(
        int callInfoMaxExpires,
        int lineSeizeMaxExpires,
        int purgeExpiredInterval,
        int dbUpdateInterval,
        int hashTableSize,
        String serverAddress,
        int maxAppearances,
        int seizedTtl,
        int activePendingTtl) {

    static final ScaConfig DEFAULTS = of(reader(w -> {}).defaults());

    /** A reader of PID {@code io.switchboard.sca}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<ScaSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(ScaSettings.PID, ScaSettings.class, warnings);
    }

    static ScaConfig of(ScaSettings s) {
        return new ScaConfig(
                s.call__info__max__expires(),
                s.line__seize__max__expires(),
                s.purge__expired__interval(),
                s.db__update__interval(),
                s.hash__table__size(),
                s.server__address(),
                s.max__appearances(),
                s.seized__ttl(),
                s.active__pending__ttl());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    static ScaConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(ScaConfig.class)::warn).read(p));
    }
}
