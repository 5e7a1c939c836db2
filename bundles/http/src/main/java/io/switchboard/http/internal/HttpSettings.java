package io.switchboard.http.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The settings of PID {@code io.switchboard.http} as the server uses them: where it listens and the optional bearer
 * token. Keys, defaults and valid values are declared in {@link HttpServerSettings} and read by a
 * {@link SettingsReader} (a bad value is logged and the previous one kept).
 *
 * @param host  address to bind (default 127.0.0.1: the API can hang up calls, so not every interface by default)
 * @param port  TCP port (default 8088)
 * @param token bearer token every request must carry; empty = no authentication
 */
record HttpSettings(String host, int port, String token) {

    /** A reader of PID {@code io.switchboard.http}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<HttpServerSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(HttpServerSettings.PID, HttpServerSettings.class, warnings);
    }

    static HttpSettings of(HttpServerSettings s) {
        return new HttpSettings(s.http_host(), s.http_port(), s.http_api_token());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    static HttpSettings from(Map<String, ?> config) {
        return of(reader(LoggerFactory.getLogger(HttpSettings.class)::warn).read(config));
    }

    boolean authenticated() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port + (authenticated() ? " (bearer token)" : " (no authentication)");
    }
}
