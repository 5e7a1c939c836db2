package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import javax.sip.header.AuthorizationHeader;
import org.junit.jupiter.api.Test;

/** Kamailio's consume_credentials: our realms' Authorization / Proxy-Authorization go, others' stay, in order. */
class OwnCredentialsTest {

    private static final ConnectorConfig C = new ConnectorConfig("0.0.0.0", 5060, List.of("udp"), "192.0.2.1", 0, 0);
    private static final Set<String> DOMAINS = Set.of("sb.test", "127.0.0.1");

    private static String creds(String header, String realm, String user) {
        return header + ": Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"n\", uri=\"sip:x\","
                + " response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5";
    }

    private static List<String> realms(SIPRequest r, String name) {
        List<String> out = new ArrayList<>();
        for (ListIterator<SIPHeader> it = r.getHeaders(name); it.hasNext(); ) {
            out.add(((AuthorizationHeader) it.next()).getRealm());
        }
        return out;
    }

    @Test
    void ourRealmsAreConsumedOthersPass() throws Exception {
        SIPRequest r = RelayScopeTest.request(
                "INVITE",
                "sip:bob@sb.test",
                "sip:alice@sb.test",
                null,
                creds("Proxy-Authorization", "SB.test", "alice"),
                creds("Proxy-Authorization", "carrier.example", "trunk1"),
                creds("Proxy-Authorization", "192.0.2.1", "alice"),
                creds("Authorization", "127.0.0.1", "alice"),
                creds("Authorization", "pbx.example", "ext12"));
        assertEquals(3, OwnCredentials.consume(r, C, DOMAINS));
        assertEquals(List.of("carrier.example"), realms(r, "Proxy-Authorization"));
        assertEquals(List.of("pbx.example"), realms(r, "Authorization"));
        assertEquals(0, OwnCredentials.consume(r, C, DOMAINS), "nothing left of ours");
    }

    @Test
    void aRequestWithoutOurCredentialsIsUntouched() throws Exception {
        SIPRequest r = RelayScopeTest.request(
                "BYE",
                "sip:bob@sb.test",
                "sip:alice@sb.test",
                "t",
                creds("Proxy-Authorization", "carrier.example", "a"),
                creds("Proxy-Authorization", "other.example", "b"));
        String before = r.encode();
        assertEquals(0, OwnCredentials.consume(r, C, DOMAINS));
        assertEquals(before, r.encode());
        SIPRequest none = RelayScopeTest.request("BYE", "sip:bob@sb.test", "sip:alice@sb.test", "t");
        assertEquals(0, OwnCredentials.consume(none, C, DOMAINS));
    }
}
