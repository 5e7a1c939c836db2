package io.switchboard.registrar.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of PID {@code io.switchboard.registrar}.
 * <p>
 * {@code algorithms} defaults to {@code MD5} alone: the SIP stack of baresip 1.0.0 (Debian 12) refuses the whole
 * 401 when any challenge in it is not MD5, whatever the order, and sends nothing more; RFC 7616 3.7 clients that
 * can do SHA-256 get it by listing it (preferred first).
 */
public record RegistrarConfig(String realm, int maxExpires, int minExpires, int defaultExpires, int nonceExpires,
                              boolean auth, List<String> algorithms) {

    /** What every phone tested answers (README "Phones"). */
    public static final String DEFAULT_ALGORITHMS = "MD5";

    /** The digest algorithms the subscriber store keeps an HA1 for. */
    public static final List<String> SUPPORTED_ALGORITHMS = List.of("MD5", "SHA-256");

    public static final RegistrarConfig DEFAULTS = from(Map.of());

    public static RegistrarConfig from(Map<String, ?> p) {
        String realm = str(p, "realm", "");
        int max = num(p, "max_expires", 3600);
        int min = num(p, "min_expires", 60);
        int dflt = num(p, "default_expires", 3600);
        int nonce = num(p, "nonce_expires", 30);
        boolean auth = Boolean.parseBoolean(str(p, "auth", "true"));
        List<String> algs = algorithms(str(p, "algorithms", DEFAULT_ALGORITHMS));
        if (min < 1 || max < min || dflt < 1 || nonce < 1) {
            throw new IllegalArgumentException("registrar settings need 1 <= min_expires <= max_expires, default_expires >= 1, "
                    + "nonce_expires >= 1: " + p);
        }
        return new RegistrarConfig(realm, max, min, Math.min(Math.max(dflt, min), max), nonce, auth, algs);
    }

    /** The comma-separated list, each name in its canonical spelling; fails on an unknown name or a repeated one. */
    static List<String> algorithms(String value) {
        List<String> out = new ArrayList<>();
        for (String name : value.split(",")) {
            String canonical = SUPPORTED_ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("registrar setting algorithms: '" + name.trim()
                            + "' is not one of " + SUPPORTED_ALGORITHMS + " (value '" + value + "')"));
            if (out.contains(canonical)) {
                throw new IllegalArgumentException("registrar setting algorithms: " + canonical + " twice in '"
                        + value + "'");
            }
            out.add(canonical);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("registrar setting algorithms: no algorithm in '" + value + "'");
        }
        return List.copyOf(out);
    }

    private static String str(Map<String, ?> p, String k, String d) {
        Object v = p.get(k);
        return v == null || v.toString().isBlank() ? d : v.toString().trim();
    }

    private static int num(Map<String, ?> p, String k, int d) {
        return Integer.parseInt(str(p, k, Integer.toString(d)));
    }
}
