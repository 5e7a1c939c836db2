package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.UnsupportedHeader;

/**
 * The checks of a request before it is relayed (RFC 3261 16.3) and the local-domain tests {@code proxy:check} reports.
 * Shared by {@code proxy:check} (answers through headers) and {@code proxy:relay} (answers at once), so that both
 * refuse the same requests.
 */
final class ProxyChecks {

    private ProxyChecks() {}

    /**
     * A request the proxy refuses before relaying: status and reason, and for a 420 the value of its Unsupported
     * header.
     */
    record Refusal(int status, String reason, String unsupported) {

        Refusal(int status, String reason) {
            this(status, reason, null);
        }

        /** The extra headers of the answer (Unsupported of a 420), as ServerContext.respond takes them. */
        Map<String, List<String>> headers() {
            return unsupported == null ? null : Map.of(UnsupportedHeader.NAME, List.of(unsupported));
        }
    }

    /**
     * The checks in the order of RFC 3261 16.3: Max-Forwards (483, step 3), Proxy-Require (420 with Unsupported,
     * step 5; tags the route's {@code edits} drop are not refused), then what the proxy relays at all
     * ({@link RelayScope}: 403 for a new request with a foreign From and a foreign Request-URI, or a refused
     * preloaded Route; 404 Not here for an in-dialog request that does not route through us).
     *
     * @return the refusal, or null when the request may be relayed
     */
    static Refusal check(ServerContext server, RelayScope scope, ProxyRequireCheck proxyRequire, ProxyEdits edits) {
        SIPRequest request = server.request;
        MaxForwardsHeader mf = request.getMaxForwards();
        if (mf != null && mf.getMaxForwards() <= 0) {
            return new Refusal(483, "Too Many Hops");
        }
        String unsupported = proxyRequire.unsupported(request, edits);
        if (unsupported != null) {
            return new Refusal(420, "Bad Extension", unsupported);
        }
        return scope.check(server.connector.config(), request);
    }

    /** True when the From URI's host is one of our domains (a call from a local user). */
    static boolean fromIsLocal(ServerContext server, Set<String> domains) {
        return isLocal(
                server.connector.config(),
                domains,
                server.request.getFrom().getAddress().getURI());
    }

    /** True when the Request-URI's host is one of our domains. */
    static boolean requestUriIsLocal(ServerContext server, Set<String> domains) {
        return isLocal(server.connector.config(), domains, server.request.getRequestURI());
    }

    /** True when {@code uri} is a SIP URI whose host is local ({@link #isLocal(ConnectorConfig, Set, String)}). */
    static boolean isLocal(ConnectorConfig c, Set<String> domains, URI uri) {
        return isLocal(c, domains, uriHost(uri));
    }

    /** One of {@code domains} (lower case) or the connector's own host (advertised, listen, or an address of ours). */
    private static boolean isLocal(ConnectorConfig c, Set<String> domains, String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return domains.contains(h) || c.isOurHost(h);
    }

    private static String uriHost(URI uri) {
        return uri instanceof SipURI sip ? sip.getHost() : null;
    }
}
