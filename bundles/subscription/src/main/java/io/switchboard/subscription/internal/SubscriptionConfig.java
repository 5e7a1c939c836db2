package io.switchboard.subscription.internal;

import java.util.Map;

/**
 * Settings of PID {@code io.switchboard.subscription} (defaults as OpenSIPS presence / Kamailio:
 * max_expires 3600, min_expires 60, default_expires 3600).
 */
public record SubscriptionConfig(int minExpires, int maxExpires, int defaultExpires, String notifyEndpoint) {

    /** The listener of the default routes (the same connector the SUBSCRIBEs arrive on). */
    public static final String DEFAULT_NOTIFY_ENDPOINT = "sip:{{sip.host}}:{{sip.port}}?transports={{sip.transports}}"
            + "&advertisedHost={{sip.advertised.host}}&threadPoolSize={{sip.threads}}";

    public static final SubscriptionConfig DEFAULTS = from(Map.of());

    public static SubscriptionConfig from(Map<String, ?> p) {
        int min = num(p, "min_expires", 60);
        int max = num(p, "max_expires", 3600);
        int dflt = num(p, "default_expires", 3600);
        if (min < 1 || max < min || dflt < 1) {
            throw new IllegalArgumentException("subscription settings need 1 <= min_expires <= max_expires and default_expires >= 1: " + p);
        }
        return new SubscriptionConfig(min, max, Math.min(Math.max(dflt, min), max), str(p, "notify.endpoint", DEFAULT_NOTIFY_ENDPOINT));
    }

    private static String str(Map<String, ?> p, String k, String d) {
        Object v = p.get(k);
        return v == null || v.toString().isBlank() ? d : v.toString().trim();
    }

    private static int num(Map<String, ?> p, String k, int d) {
        return Integer.parseInt(str(p, k, Integer.toString(d)));
    }
}
