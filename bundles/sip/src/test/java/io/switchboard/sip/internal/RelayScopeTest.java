package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the proxy relays at all (issue 12): the attacks of the brief as parsed requests against {@link RelayScope},
 * connector 127.0.0.1:5060, local domains {@code sb.test} and the advertised host.
 */
class RelayScopeTest {

    private static final ConnectorConfig C = new ConnectorConfig("0.0.0.0", 5060, List.of("udp"), "127.0.0.1", 0, 0);
    private static final String US = "Route: <sip:127.0.0.1:5060;lr>";
    private final TrackedDialogs dialogs = new TrackedDialogs();
    private final RelayScope remove = new RelayScope(Set.of("sb.test"), PreloadedRoutes.REMOVE, dialogs);
    private final RelayScope refuse = new RelayScope(Set.of("sb.test"), PreloadedRoutes.REFUSE, dialogs);

    static SIPRequest request(String method, String ruri, String from, String toTag, String... extra) throws Exception {
        StringBuilder sb = new StringBuilder(method)
                .append(' ')
                .append(ruri)
                .append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKx1;rport\r\nMax-Forwards: 70\r\n")
                .append("From: <")
                .append(from)
                .append(">;tag=f1\r\n")
                .append("To: <")
                .append(ruri)
                .append(">")
                .append(toTag == null ? "" : ";tag=" + toTag)
                .append("\r\n")
                .append("Call-ID: c1@test\r\nCSeq: 1 ")
                .append(method)
                .append("\r\n");
        for (String line : extra) {
            sb.append(line).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return (SIPRequest) new StringMsgParser()
                .parseSIPMessage(sb.toString().getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static String status(ProxyChecks.Refusal r) {
        return r == null ? "relayed" : r.status() + " " + r.reason();
    }

    @Test
    void aNewForeignToForeignRequestIsRefusedWhateverItsRoute() throws Exception {
        String mallory = "sip:mallory@evil.example";
        assertEquals(
                "403 Forbidden (relaying denied)",
                status(remove.check(C, request("INVITE", "sip:bob@other.example", mallory, null))));
        assertEquals(
                "403 Forbidden (relaying denied)",
                status(remove.check(C, request("INVITE", "sip:bob@other.example", mallory, null, US))),
                "a Route to us no longer exempts it (finding b)");
        assertEquals(
                "403 Forbidden (relaying denied)",
                status(remove.check(
                        C,
                        request(
                                "MESSAGE",
                                "sip:bob@other.example",
                                mallory,
                                null,
                                US,
                                "Route: <sip:far.example;lr>"))));
    }

    @Test
    void aPreloadedForeignRouteIsRemovedLaterOrRefusedAsSet() throws Exception {
        SIPRequest toLocalUser = request(
                "INVITE", "sip:alice@sb.test", "sip:mallory@evil.example", null, "Route: <sip:victim.example;lr>");
        assertNull(remove.check(C, toLocalUser), "remove: relayed, RelayedRequest drops the Route (finding c)");
        assertEquals("403 Forbidden (preloaded Route)", status(refuse.check(C, toLocalUser)));
        SIPRequest outboundProxy = request("INVITE", "sip:bob@other.example", "sip:alice@sb.test", null, US);
        assertNull(refuse.check(C, outboundProxy), "refuse: a Route to us alone is an outbound proxy");
        assertEquals(
                "403 Forbidden (preloaded Route)",
                status(refuse.check(
                        C,
                        request(
                                "INVITE",
                                "sip:bob@other.example",
                                "sip:alice@sb.test",
                                null,
                                US,
                                "Route: <sip:next.example;lr>"))));
        assertNull(
                remove.check(C, request("INVITE", "sip:bob@other.example", "sip:alice@sb.test", null)),
                "a local caller calls out");
    }

    @Test
    void anInDialogRequestThatDoesNotRouteThroughUsIsNotHere() throws Exception {
        String mallory = "sip:mallory@evil.example";
        for (String method : List.of("INVITE", "MESSAGE", "BYE", "INFO")) {
            assertEquals(
                    "404 Not here",
                    status(remove.check(C, request(method, "sip:victim@192.0.2.50:5060", mallory, "madeUp"))),
                    method + " (finding a)");
        }
        assertEquals(
                "404 Not here",
                status(remove.check(
                        C, request("BYE", "sip:alice@sb.test", mallory, "t", "Route: <sip:victim.example;lr>"))),
                "a foreign top Route is not a route through us, even towards a local Request-URI");
        assertEquals(
                "404 Not here",
                status(remove.check(
                        C, request("BYE", "sip:victim@192.0.2.50", mallory, "t", "Route: <sip:127.0.0.1:5070;lr>"))),
                "another port of our host is not us");
    }

    @Test
    void anInDialogRequestThatRoutesThroughUsOrBelongsToATrackedDialogIsRelayed() throws Exception {
        String peer = "sip:carol@peer.example";
        assertNull(remove.check(C, request("BYE", "sip:bob@192.0.2.50:5060", peer, "t", US)), "our Record-Route");
        assertNull(
                remove.check(C, request("BYE", "sip:127.0.0.1:5060;lr", peer, "t", "Route: <sip:bob@192.0.2.50>")),
                "a strict router before us");
        assertNull(remove.check(C, request("BYE", "sip:alice@sb.test", peer, "t")), "no Route, local Request-URI");
        assertNull(remove.check(C, request("ACK", "sip:bob@192.0.2.50", peer, "t")), "ACK is ProxyAckRelay's");

        SIPRequest untracked = request("BYE", "sip:bob@192.0.2.50:5060", peer, "t2");
        assertEquals("404 Not here", status(remove.check(C, untracked)));
        dialogs.add((callId, fromTag, toTag) -> "c1@test".equals(callId) && "t2".equals(fromTag) && "f1".equals(toTag));
        assertEquals("404 Not here", status(remove.check(C, untracked)), "tags in the wrong direction");
        dialogs.add((callId, fromTag, toTag) -> "c1@test".equals(callId) && "f1".equals(fromTag) && "t2".equals(toTag));
        assertNull(remove.check(C, untracked), "a dialog this platform tracks");
    }

    @Test
    void aFailingDirectoryVouchesForNothing() throws Exception {
        dialogs.add((callId, fromTag, toTag) -> {
            throw new IllegalStateException("database down");
        });
        assertEquals(
                "404 Not here",
                status(remove.check(C, request("BYE", "sip:bob@192.0.2.50:5060", "sip:carol@peer.example", "t"))));
    }

    @Test
    void preloadedRouteSettingParsesAndRejectsBadValues() {
        assertEquals(PreloadedRoutes.REMOVE, ProxyConfig.DEFAULTS.preloadedRoutes());
        assertEquals(
                PreloadedRoutes.REFUSE,
                ProxyConfig.from(Map.of("preloaded_route", " Refuse ")).preloadedRoutes());
        assertEquals(
                PreloadedRoutes.REMOVE,
                ProxyConfig.from(Map.of("preloaded_route", "follow")).preloadedRoutes());
        assertEquals(
                "refuse",
                ProxyConfig.DEFAULTS
                        .withPreloadedRoute("refuse")
                        .preloadedRoutes()
                        .toString());
    }
}
