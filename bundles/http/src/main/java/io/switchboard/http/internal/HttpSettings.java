package io.switchboard.http.internal;

import io.switchboard.settings.SettingsReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * @param allowedHosts {@code http.allowed.hosts} as configured; empty = the bind address and the loopback names
 */
record HttpSettings(String host, int port, String token, String allowedHosts) {

    /** A reader of PID {@code io.switchboard.http}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<HttpServerSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(HttpServerSettings.PID, HttpServerSettings.class, warnings);
    }

    static HttpSettings of(HttpServerSettings s) {
        return new HttpSettings(s.http_host(), s.http_port(), s.http_api_token(), s.http_allowed_hosts());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    static HttpSettings from(Map<String, ?> config) {
        return of(reader(LoggerFactory.getLogger(HttpSettings.class)::warn).read(config));
    }

    boolean authenticated() {
        return !token.isEmpty();
    }

    /** The {@code Host} (and browser {@code Origin}) values the server answers. */
    AllowedHosts hosts() {
        return AllowedHosts.of(allowedHosts, host, port);
    }

    /**
     * True when the bind address is a loopback address (or a name that resolves to one): only local processes
     * reach the server. A name that does not resolve is not.
     */
    boolean loopback() {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port + (authenticated() ? " (bearer token)" : " (no authentication)");
    }
}
