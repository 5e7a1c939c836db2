package io.switchboard.registrar.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.registrar} as the registrar uses them; keys, defaults and valid values are
 * declared in {@link RegistrarSettings} and read by a {@link SettingsReader} (a bad value is logged and the previous
 * one kept). {@code default_expires} is brought within {@code min_expires..max_expires}.
 * <p>
 * {@code algorithms} defaults to {@code MD5} alone: the SIP stack of baresip 1.0.0 (Debian 12) refuses the whole
 * 401 when any challenge in it is not MD5, whatever the order, and sends nothing more; RFC 7616 3.7 clients that
 * can do SHA-256 get it by listing it (preferred first). Names are kept in their canonical spelling; a name given
 * twice is refused like any bad value.
 */
public record RegistrarConfig(
        String realm,
        int maxExpires,
        int minExpires,
        int defaultExpires,
        int nonceExpires,
        boolean auth,
        List<String> algorithms,
        int lookupFailureStatus,
        int cseqDelay,
        int timerInterval) {

    /**
     * The settings before {@code lookup_failure_status}, {@code cseq_delay} and {@code timer_interval} (their
     * defaults), for tests.
     */
    public RegistrarConfig(
            String realm,
            int maxExpires,
            int minExpires,
            int defaultExpires,
            int nonceExpires,
            boolean auth,
            List<String> algorithms) {
        this(realm, maxExpires, minExpires, defaultExpires, nonceExpires, auth, algorithms, 404, 20, 60);
    }

    public static final RegistrarConfig DEFAULTS = of(reader(w -> {}).defaults());

    /** A reader of PID {@code io.switchboard.registrar}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<RegistrarSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(RegistrarSettings.PID, RegistrarSettings.class, warnings)
                .rule(
                        "min_expires <= max_expires",
                        s -> s.min__expires() <= s.max__expires(),
                        "min_expires",
                        "max_expires")
                .rule(
                        "each algorithm once",
                        s -> algorithms(s.algorithms()).stream().distinct().count()
                                == algorithms(s.algorithms()).size(),
                        "algorithms");
    }

    static RegistrarConfig of(RegistrarSettings s) {
        int dflt = Math.min(Math.max(s.default__expires(), s.min__expires()), s.max__expires());
        return new RegistrarConfig(
                s.realm(),
                s.max__expires(),
                s.min__expires(),
                dflt,
                s.nonce__expires(),
                s.auth(),
                algorithms(s.algorithms()),
                s.lookup__failure__status(),
                s.cseq__delay(),
                s.timer__interval());
    }

    /** The names of a valid {@code algorithms} value in their canonical spelling (MD5, SHA-256), in order. */
    static List<String> algorithms(String value) {
        return Arrays.stream(value.trim().split("\\s*,\\s*"))
                .map(a -> a.equalsIgnoreCase("MD5") ? "MD5" : "SHA-256")
                .toList();
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    public static RegistrarConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(RegistrarConfig.class)::warn).read(p));
    }
}
