package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;

/**
 * Kamailio's {@code consume_credentials()}: the {@code Authorization} and {@code Proxy-Authorization} headers a caller
 * wrote for one of our realms (our domains, or a host of the connector) are removed from a request before it
 * is relayed. They were meant for this platform: passed on, every callee (and any host the request reaches) could
 * replay them against us while the nonce is valid, or attack the password offline. Credentials for other realms are
 * another hop's business and pass unchanged.
 */
final class OwnCredentials {

    private static final String[] NAMES = {ProxyAuthorizationHeader.NAME, AuthorizationHeader.NAME};

    private OwnCredentials() {}

    /**
     * Removes from {@code r} the credentials whose realm is one of {@code domains} or a host of ours.
     *
     * @return how many were removed
     */
    static int consume(SIPRequest r, ConnectorConfig c, Set<String> domains) {
        int removed = 0;
        for (String name : NAMES) {
            ListIterator<SIPHeader> it = r.getHeaders(name);
            if (!it.hasNext()) {
                continue;
            }
            List<SIPHeader> keep = new ArrayList<>();
            while (it.hasNext()) {
                SIPHeader h = it.next();
                if (h instanceof AuthorizationHeader a && ours(a.getRealm(), c, domains)) {
                    removed++;
                } else {
                    keep.add(h);
                }
            }
            if (keep.size() < countOf(r, name)) {
                r.removeHeader(name);
                for (SIPHeader h : keep) {
                    r.addHeader(h);
                }
            }
        }
        return removed;
    }

    private static int countOf(SIPRequest r, String name) {
        int n = 0;
        for (ListIterator<SIPHeader> it = r.getHeaders(name); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    /**
     * A realm is ours when it is a local domain or a host of ours ({@link ConnectorConfig#isOurHost}: advertised or
     * listen host, any address of this host for a wildcard listener), compared without case.
     */
    static boolean ours(String realm, ConnectorConfig c, Set<String> domains) {
        if (realm == null) {
            return false;
        }
        String r = realm.trim().toLowerCase(Locale.ROOT);
        return domains.contains(r) || c.isOurHost(r);
    }
}
