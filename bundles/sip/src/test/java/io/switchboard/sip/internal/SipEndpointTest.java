package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipEndpointTest extends SipTestSupport {

    private SipEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, SipEndpoint.class);
    }

    @Test
    void hostPortAndDefaults() {
        ConnectorConfig c = endpoint("sip:127.0.0.1:5070").connectorConfig();
        assertEquals("127.0.0.1", c.host());
        assertEquals(5070, c.port());
        assertEquals(List.of("udp", "tcp"), c.transports());
        assertEquals("127.0.0.1", c.advertisedHost());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.threadPoolSize(), "0: one worker per processor");
        assertEquals(8 * 1024 * 1024, c.udpBufferSize());

        SipEndpoint wildcard = endpoint("sip:0.0.0.0");
        assertEquals(5060, wildcard.connectorConfig().port());
        ConnectorConfig w = wildcard.connectorConfig();
        assertTrue(w.automatic(), "a wildcard listener without advertisedHost chooses per peer");
        assertEquals("127.0.0.1", w.advertisedFor("127.0.0.1"), "a loopback peer is told our loopback address");
        assertEquals(LocalAddresses.primary(), w.advertisedHost(), "no peer known: the host's primary address");
        assertTrue(w.isOurHost("127.0.0.1") && w.isOurHost(LocalAddresses.primary()));
        assertFalse(w.isOurHost("198.51.100.7"), "not an address of this host");
        // the kernel's route to a remote peer (a datagram socket is connected, nothing is sent)
        assumeFalse(LocalAddresses.primary().equals("127.0.0.1"), "this host has no non-loopback address");
        String remote = w.advertisedFor("198.51.100.7");
        assertFalse(remote.startsWith("127."), "a remote peer never gets loopback: " + remote);
        assertTrue(w.isOurHost(remote), remote + " is one of our addresses");
        assertEquals(500, wildcard.getDefaultStatus());
        assertEquals(32000, wildcard.getTimeout());
        assertEquals("requests", wildcard.getConsume());
        assertTrue(wildcard.isInDialog());
    }

    @Test
    void alternativeForms() {
        assertEquals(
                "10.1.2.3:5080",
                endpoint("sip://10.1.2.3:5080").connectorConfig().address());
        ConnectorConfig udp = endpoint("sip:udp://0.0.0.0:5090").connectorConfig();
        assertEquals(List.of("udp"), udp.transports());
        assertEquals(5090, udp.port());
        ConnectorConfig v6 = endpoint("sip:[::1]:5071?transports=tcp").connectorConfig();
        assertEquals("::1", v6.host());
        assertEquals("[::1]:5071", v6.address());
        assertEquals(List.of("tcp"), v6.transports());
        ConnectorConfig opts = endpoint(
                        "sip:0.0.0.0:5072?advertisedHost=sip.example.com&threadPoolSize=2&udpBufferSize=65536")
                .connectorConfig();
        assertEquals("sip.example.com", opts.advertisedHost());
        assertEquals(2, opts.threadPoolSize());
        assertEquals(65536, opts.udpBufferSize());
    }

    @Test
    void replyEndpoint() {
        SipEndpoint reply = endpoint("sip:reply?code=180&reason=Ringing");
        assertTrue(reply.isReply());
        assertEquals(180, reply.getCode());
        assertEquals("Ringing", reply.getReason());
        assertFalse(endpoint("sip:127.0.0.1:5075").isReply());
        assertThrows(Exception.class, () -> reply.createConsumer(e -> {}));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(Exception.class, () -> endpoint("sip:127.0.0.1:5060?transports=tls"));
        assertThrows(Exception.class, () -> endpoint("sip:127.0.0.1:99999"));
        assertThrows(Exception.class, () -> endpoint("sip:127.0.0.1:5060?threadPoolSize=-1"));
        assertThrows(
                Exception.class,
                () -> endpoint("sip:127.0.0.1:5061?consume=both").createConsumer(e -> {}));
        assertThrows(
                Exception.class,
                () -> endpoint("sip:127.0.0.1:5062?defaultStatus=180").createConsumer(e -> {}));
        assertThrows(Exception.class, () -> endpoint("sip:127.0.0.1:5063?noSuchOption=1"));
    }
}
