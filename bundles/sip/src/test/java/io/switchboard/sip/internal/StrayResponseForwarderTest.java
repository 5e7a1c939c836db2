package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connector's stateless forwarding of relayed responses that arrive after their client transaction ended. */
class StrayResponseForwarderTest {

    private static final ConnectorConfig CONFIG =
            new ConnectorConfig("0.0.0.0", 5070, List.of("udp"), "192.0.2.1", 1, 65536);
    private static final String OURS = "Via: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKproxy1;rport=5070";
    private static final String CALLER =
            "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKcaller1;received=198.51.100.7";

    private final List<SIPResponse> sent = new ArrayList<>();
    private final StrayResponseForwarder forwarder = new StrayResponseForwarder(CONFIG, sent::add);

    private static SIPResponse response(int status, String reason, String... vias) throws Exception {
        StringBuilder sb = new StringBuilder("SIP/2.0 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        for (String via : vias) {
            sb.append(via).append("\r\n");
        }
        sb.append("From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>;tag=b\r\n")
                .append("Call-ID: stray@test\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        return (SIPResponse) new StringMsgParser().parseSIPMessage(bytes, true, false, null);
    }

    @Test
    void aRelayed2xxRetransmissionGoesUpstreamWithoutOurVia() throws Exception {
        SIPResponse ok = response(200, "OK", OURS, CALLER);
        assertTrue(forwarder.forward(ok));
        assertEquals(1, sent.size());
        SIPResponse up = sent.get(0);
        assertEquals(1, up.getViaHeaders().size());
        assertEquals("198.51.100.7", up.getTopmostVia().getHost());
        assertEquals(2, ok.getViaHeaders().size(), "a copy goes upstream; the response received is left alone");
    }

    @Test
    void aRelayedFailureIsTakenButNotForwarded() throws Exception {
        assertTrue(forwarder.forward(response(486, "Busy Here", OURS, CALLER)), "ours: nobody else may take it");
        assertTrue(forwarder.forward(response(180, "Ringing", OURS, CALLER)));
        assertTrue(sent.isEmpty(), "only 2xx are forwarded without a transaction (RFC 3261 16.7 step 5)");
    }

    @Test
    void responsesToOurOwnRequestsAndForeignViasAreNotOurs() throws Exception {
        assertFalse(forwarder.forward(response(200, "OK", OURS)), "one Via: a response to a request we sent");
        assertFalse(forwarder.forward(response(200, "OK", CALLER, OURS)), "top Via not ours");
        String otherPort = "Via: SIP/2.0/UDP 192.0.2.1:5071;branch=z9hG4bKproxy2";
        assertFalse(forwarder.forward(response(200, "OK", otherPort, CALLER)), "another connector's port");
        String defaultPort = "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKproxy3";
        assertFalse(forwarder.forward(response(200, "OK", defaultPort, CALLER)), "no port is 5060, not 5070");
        assertTrue(sent.isEmpty());
    }
}
