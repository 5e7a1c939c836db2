package io.switchboard.http.internal;

import java.util.Map;

/**
 * The settings of PID {@code io.switchboard.http}: where the server listens and the optional bearer token.
 *
 * @param host  address to bind (default 127.0.0.1: the API can hang up calls, so not every interface by default)
 * @param port  TCP port (default 8088)
 * @param token bearer token every request must carry; empty = no authentication
 */
record HttpSettings(String host, int port, String token) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8088;

    static HttpSettings from(Map<String, ?> config) {
        String host = text(config, "http.host", DEFAULT_HOST);
        String portText = text(config, "http.port", String.valueOf(DEFAULT_PORT));
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("http.port is not a number: " + portText);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("http.port out of range: " + port);
        }
        return new HttpSettings(host, port, text(config, "http.api.token", ""));
    }

    boolean authenticated() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port + (authenticated() ? " (bearer token)" : " (no authentication)");
    }

    private static String text(Map<String, ?> config, String key, String fallback) {
        Object v = config == null ? null : config.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        return v.toString().trim();
    }
}
