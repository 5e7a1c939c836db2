package io.switchboard.callfwd.internal;

import io.switchboard.settings.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings in force, typed and with the allow-list compiled once (every call may need it).
 *
 * @param externalAllow the patterns of {@code external_allow}; a pattern that does not compile is left out with
 *                      a warning (the others apply), so a typo never opens forwarding to everything
 */
record CallFwdConfig(
        int dndStatus,
        String dndTarget,
        long ringIntervalMillis,
        int ringCount,
        int maxForwards,
        int loopStatus,
        List<Pattern> externalAllow,
        boolean historyInfo,
        boolean diversion) {

    static final CallFwdConfig DEFAULTS = of(reader(s -> {}).defaults(), s -> {});

    static SettingsReader<CallFwdSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(CallFwdSettings.PID, CallFwdSettings.class, warnings);
    }

    static CallFwdConfig of(CallFwdSettings s, Consumer<String> warnings) {
        List<Pattern> allow = new ArrayList<>();
        for (String p : s.external__allow().split(",")) {
            if (!p.isBlank()) {
                try {
                    allow.add(Pattern.compile(p.trim()));
                } catch (PatternSyntaxException e) {
                    warnings.accept(CallFwdSettings.PID + ": external_allow pattern '" + p.trim() + "' rejected ("
                            + e.getDescription() + "); left out");
                }
            }
        }
        return new CallFwdConfig(
                s.dnd__status(),
                s.dnd__target().isBlank() ? null : s.dnd__target().trim(),
                Math.round(s.ring__interval() * 1000),
                s.ring__count(),
                s.max__forwards(),
                s.loop__status(),
                List.copyOf(allow),
                s.history__info(),
                s.diversion());
    }

    /** The ring time of Call Forwarding No Answer: {@code rings} (the user's, else ring_count) × ring_interval. */
    long ringTimeMillis(Integer rings) {
        return (rings == null || rings < 1 ? ringCount : rings) * ringIntervalMillis;
    }
}
