package io.switchboard.sip.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.proxy} ({@code etc/io.switchboard.proxy.cfg}), read by {@link ProxyComponent}
 * through Config Admin; a saved change applies to the next request.
 *
 * @param domains      local domains ({@code domains}, comma-separated, default {@code 127.0.0.1,localhost}): a request
 *                     whose From and Request-URI hosts are both foreign is refused with 403
 * @param proxyRequire the option tags a request may list in Proxy-Require ({@code supported_option_tags},
 *                     comma-separated, default none: the proxy implements no extension that needs proxy support);
 *                     any other tag gets 420 Bad Extension
 * @param preloadedRoutes what a Route on a new request gets ({@code preloaded_route}: {@code remove}, the default,
 *                     or {@code refuse}; {@link PreloadedRoutes}); another value is logged and the default kept
 */
record ProxyConfig(Set<String> domains, ProxyRequireCheck proxyRequire, PreloadedRoutes preloadedRoutes) {

    static final String DOMAINS = "domains";
    static final String SUPPORTED_OPTION_TAGS = "supported_option_tags";
    static final String PRELOADED_ROUTE = "preloaded_route";
    static final String DEFAULT_DOMAINS = "127.0.0.1,localhost";
    static final String DEFAULT_PRELOADED_ROUTE = "remove";

    static final ProxyConfig DEFAULTS = from(Map.of());

    static ProxyConfig from(Map<String, ?> properties) {
        Object d = properties == null ? null : properties.get(DOMAINS);
        Object tags = properties == null ? null : properties.get(SUPPORTED_OPTION_TAGS);
        Object preloaded = properties == null ? null : properties.get(PRELOADED_ROUTE);
        return new ProxyConfig(
                parseDomains(d == null ? DEFAULT_DOMAINS : d.toString()),
                ProxyRequireCheck.of(tags == null ? null : tags.toString()),
                preloaded(preloaded == null ? null : preloaded.toString()));
    }

    ProxyConfig withDomains(String csv) {
        return new ProxyConfig(parseDomains(csv), proxyRequire, preloadedRoutes);
    }

    ProxyConfig withSupportedOptionTags(String csv) {
        return new ProxyConfig(domains, ProxyRequireCheck.of(csv), preloadedRoutes);
    }

    ProxyConfig withPreloadedRoute(String value) {
        return new ProxyConfig(domains, proxyRequire, preloaded(value));
    }

    /** {@code preloaded_route}: absent or blank is the default; a bad value is logged and the default kept. */
    static PreloadedRoutes preloaded(String value) {
        if (value == null || value.isBlank()) {
            return PreloadedRoutes.REMOVE;
        }
        PreloadedRoutes p = PreloadedRoutes.parse(value);
        if (p == null) {
            LoggerFactory.getLogger(ProxyConfig.class)
                    .warn(
                            "io.switchboard.proxy: {} = '{}' rejected (not remove or" + " refuse); keeping {}",
                            PRELOADED_ROUTE,
                            value,
                            DEFAULT_PRELOADED_ROUTE);
            return PreloadedRoutes.REMOVE;
        }
        return p;
    }

    static Set<String> parseDomains(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }
}
