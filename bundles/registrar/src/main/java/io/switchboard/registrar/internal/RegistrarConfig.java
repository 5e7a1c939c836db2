package io.switchboard.registrar.internal;

import java.util.List;
import java.util.Map;

/** Settings of PID {@code io.switchboard.registrar}. */
public record RegistrarConfig(String realm, int maxExpires, int minExpires, int defaultExpires, int nonceExpires,
                              boolean auth, List<String> algorithms) {

    public static final RegistrarConfig DEFAULTS = from(Map.of());

    public static RegistrarConfig from(Map<String, ?> p) {
        String realm = str(p, "realm", "");
        int max = num(p, "max_expires", 3600);
        int min = num(p, "min_expires", 60);
        int dflt = num(p, "default_expires", 3600);
        int nonce = num(p, "nonce_expires", 30);
        boolean auth = Boolean.parseBoolean(str(p, "auth", "true"));
        List<String> algs = List.of(str(p, "algorithms", "MD5,SHA-256").split("\\s*,\\s*"));
        if (min < 1 || max < min || dflt < 1 || nonce < 1) {
            throw new IllegalArgumentException("registrar settings need 1 <= min_expires <= max_expires, default_expires >= 1, "
                    + "nonce_expires >= 1: " + p);
        }
        return new RegistrarConfig(realm, max, min, Math.min(Math.max(dflt, min), max), nonce, auth, algs);
    }

    private static String str(Map<String, ?> p, String k, String d) {
        Object v = p.get(k);
        return v == null || v.toString().isBlank() ? d : v.toString().trim();
    }

    private static int num(Map<String, ?> p, String k, int d) {
        return Integer.parseInt(str(p, k, Integer.toString(d)));
    }
}
