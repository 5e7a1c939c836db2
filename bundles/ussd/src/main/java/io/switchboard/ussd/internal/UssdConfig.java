package io.switchboard.ussd.internal;

import java.util.Map;

/**
 * Settings of PID {@code io.switchboard.ussd}.
 *
 * @param menuRoute            the route every step calls ({@code menu.route}, default {@code direct:ussd})
 * @param sessionTimeoutMillis inactivity limit of a session ({@code session_timeout} seconds, default 60)
 * @param routeTimeoutMillis   how long one call of the menu route may take ({@code route_timeout} seconds, default 10)
 * @param ackTimeoutMillis     how long to wait for the ACK of our 200 ({@code ack_timeout} seconds, default 32 = 64*T1)
 * @param language             language of our answers when neither the UE nor the route gave one ({@code language}, {@code en})
 * @param asUri                our identity in network-initiated INVITEs ({@code as.uri})
 * @param sipEndpoint          the sip connector requests are sent from ({@code sip.endpoint})
 * @param maxSessions          sessions at once; a new one beyond gets 486 / 503 ({@code max_sessions}, default 10000)
 */
record UssdConfig(String menuRoute, long sessionTimeoutMillis, long routeTimeoutMillis, long ackTimeoutMillis, String language,
                  String asUri, String sipEndpoint, int maxSessions) {

    /** The listener of the default routes (the same connector the USSD INVITEs arrive on). */
    static final String DEFAULT_SIP_ENDPOINT = "sip:{{sip.host}}:{{sip.port}}?transports={{sip.transports}}"
            + "&advertisedHost={{sip.advertised.host}}&threadPoolSize={{sip.threads}}";
    static final String DEFAULT_AS_URI = "sip:ussd@{{sip.advertised.host}}";

    static final UssdConfig DEFAULTS = from(Map.of());

    static UssdConfig from(Map<String, ?> p) {
        long session = seconds(p, "session_timeout", 60);
        long route = seconds(p, "route_timeout", 10);
        long ack = seconds(p, "ack_timeout", 32);
        int max = (int) num(p, "max_sessions", 10000);
        if (session <= 0 || route <= 0 || ack <= 0 || max < 1) {
            throw new IllegalArgumentException("ussd settings need session_timeout, route_timeout, ack_timeout > 0 and max_sessions >= 1: " + p);
        }
        return new UssdConfig(str(p, "menu.route", "direct:ussd"), session, route, ack, str(p, "language", "en"),
                str(p, "as.uri", DEFAULT_AS_URI), str(p, "sip.endpoint", DEFAULT_SIP_ENDPOINT), max);
    }

    /** This configuration with {@code {{...}}} placeholders of {@code as.uri} resolved (the endpoint resolves its own). */
    UssdConfig resolved(java.util.function.UnaryOperator<String> resolver) {
        return new UssdConfig(menuRoute, sessionTimeoutMillis, routeTimeoutMillis, ackTimeoutMillis, language, resolver.apply(asUri),
                sipEndpoint, maxSessions);
    }

    private static String str(Map<String, ?> p, String k, String d) {
        Object v = p.get(k);
        return v == null || v.toString().isBlank() ? d : v.toString().trim();
    }

    /** Seconds, fractions allowed (tests use 1.5). */
    private static long seconds(Map<String, ?> p, String k, double d) {
        return Math.round(Double.parseDouble(str(p, k, Double.toString(d))) * 1000);
    }

    private static long num(Map<String, ?> p, String k, long d) {
        return Long.parseLong(str(p, k, Long.toString(d)));
    }
}
