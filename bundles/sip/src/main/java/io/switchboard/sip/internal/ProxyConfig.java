package io.switchboard.sip.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of PID {@code io.switchboard.proxy} ({@code etc/io.switchboard.proxy.cfg}), read by {@link ProxyComponent}
 * through Config Admin; a saved change applies to the next request.
 *
 * @param domains      local domains ({@code domains}, comma-separated, default {@code 127.0.0.1,localhost}): a request
 *                     whose From and Request-URI hosts are both foreign is refused with 403
 * @param proxyRequire the option tags a request may list in Proxy-Require ({@code supported_option_tags},
 *                     comma-separated, default none: the proxy implements no extension that needs proxy support);
 *                     any other tag gets 420 Bad Extension
 */
record ProxyConfig(Set<String> domains, ProxyRequireCheck proxyRequire) {

    static final String DOMAINS = "domains";
    static final String SUPPORTED_OPTION_TAGS = "supported_option_tags";
    static final String DEFAULT_DOMAINS = "127.0.0.1,localhost";

    static final ProxyConfig DEFAULTS = from(Map.of());

    static ProxyConfig from(Map<String, ?> properties) {
        Object d = properties == null ? null : properties.get(DOMAINS);
        Object tags = properties == null ? null : properties.get(SUPPORTED_OPTION_TAGS);
        return new ProxyConfig(
                parseDomains(d == null ? DEFAULT_DOMAINS : d.toString()),
                ProxyRequireCheck.of(tags == null ? null : tags.toString()));
    }

    ProxyConfig withDomains(String csv) {
        return new ProxyConfig(parseDomains(csv), proxyRequire);
    }

    ProxyConfig withSupportedOptionTags(String csv) {
        return new ProxyConfig(domains, ProxyRequireCheck.of(csv));
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
