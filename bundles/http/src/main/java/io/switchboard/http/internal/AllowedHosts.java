package io.switchboard.http.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names under which the API may be reached: the {@code Host} header of every request, and the {@code Origin}
 * of a browser's request, must be one of them. A web page on another site that gets its own name resolved to
 * 127.0.0.1 (DNS rebinding) sends its own name as {@code Host}, and a page that posts to {@code localhost} sends
 * its own site as {@code Origin}: neither reaches a route.
 * <p>
 * Entries are {@code host[:port]}; an entry without port means the server's port. A {@code Host} without port means
 * port 80 (RFC 9110 7.2), as a browser omits the default port.
 */
final class AllowedHosts {

    /** One entry: a name, an IPv4 address or a bracketed IPv6 address, an optional port; comma-separated. */
    static final String PATTERN = "\\s*|\\s*[A-Za-z0-9.\\-\\[\\]:]+(\\s*,\\s*[A-Za-z0-9.\\-\\[\\]:]+)*\\s*";

    /** Loopback names every default list has: what a local client (curl, a script, the shell) sends. */
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> hostPorts;

    private AllowedHosts(Set<String> hostPorts) {
        this.hostPorts = Set.copyOf(hostPorts);
    }

    /**
     * The configured list ({@code http.allowed.hosts}), or when it is empty the bind address (unless it is a
     * wildcard) and the loopback names, all with the server's port.
     */
    static AllowedHosts of(String configured, String bindHost, int port) {
        Set<String> set = new LinkedHashSet<>();
        if (configured == null || configured.isBlank()) {
            if (!isWildcard(bindHost)) {
                set.add(normalize(bindHost, port));
            }
            for (String name : LOOPBACK) {
                set.add(normalize(name, port));
            }
        } else {
            for (String entry : configured.split(",")) {
                if (!entry.isBlank()) {
                    set.add(normalize(entry.trim(), port));
                }
            }
        }
        return new AllowedHosts(set);
    }

    /** True when a {@code Host} header value names this server. */
    boolean allowsHost(String hostHeader) {
        return hostHeader != null && !hostHeader.isBlank() && hostPorts.contains(normalize(hostHeader.trim(), 80));
    }

    /**
     * True when a browser's {@code Origin} ({@code scheme://host[:port]}) is this server itself; {@code null}
     * (no browser, or a same-origin GET) is allowed, the opaque origin {@code null} of a sandboxed page is not.
     */
    boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        int scheme = o.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = o.substring(scheme + 3);
        int defaultPort = o.startsWith("https://") ? 443 : 80;
        return !rest.isEmpty() && rest.indexOf('/') < 0 && hostPorts.contains(normalize(rest, defaultPort));
    }

    /** The entries as {@code host:port} (log lines, tests). */
    Set<String> entries() {
        return hostPorts;
    }

    /** {@code host:port} in lower case; IPv6 in brackets; the given port when the value has none. */
    static String normalize(String value, int defaultPort) {
        String v = value.toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                return v; // matches nothing valid
            }
            host = v.substring(0, close + 1);
            port = v.length() > close + 1 && v.charAt(close + 1) == ':' ? v.substring(close + 2) : "";
        } else if (v.indexOf(':') != v.lastIndexOf(':')) {
            host = "[" + v + "]"; // a bare IPv6 address (in the setting only: a Host header brackets it)
            port = "";
        } else {
            int colon = v.indexOf(':');
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? "" : v.substring(colon + 1);
        }
        return host + ":" + (port.isEmpty() ? Integer.toString(defaultPort) : port);
    }

    private static boolean isWildcard(String host) {
        return host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
    }

    @Override
    public String toString() {
        return String.join(",", hostPorts);
    }
}
