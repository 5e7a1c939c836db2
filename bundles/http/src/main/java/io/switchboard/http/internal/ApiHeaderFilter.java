package io.switchboard.http.internal;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Only response headers a REST route means to send go out: the request's headers (Authorization, path
 * parameters, User-Agent...) are Camel headers too and would otherwise be echoed back.
 */
final class ApiHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> ALLOWED =
            Set.of("location", "allow", "www-authenticate", "retry-after", "cache-control", "etag", "last-modified");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (ALLOWED.contains(name) || name.startsWith("x-")) {
            return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
        }
        return true;
    }
}
