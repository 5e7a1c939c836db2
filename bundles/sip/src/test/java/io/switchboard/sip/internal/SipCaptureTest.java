package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipCapture;
import io.switchboard.sip.SipHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SIP capture (HEP): every message read or written, as it was on the wire, with its addresses, once; the
 * stack's own answer to a retransmission included.
 */
class SipCaptureTest extends SipTestSupport {

    private record Captured(
            String text, String transport, InetSocketAddress from, InetSocketAddress to, long at, String callId) {}

    private final List<Captured> captured = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void off() {
        CaptureHook.use(null);
    }

    @Test
    void everyMessageInAndOutOnceWithItsAddressesAndCallId() throws Exception {
        SipCapture capture = (message, transport, from, to, at, callId) -> captured.add(
                new Captured(new String(message, StandardCharsets.UTF_8), transport, from, to, at, callId));
        CaptureHook.use(capture);
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        long before = CaptureHook.nowMicros();
        String callId = RawSip.newCallId();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String options = RawSip.request(
                    "OPTIONS", "sip:sb@127.0.0.1:" + port, "UDP", peer.port(), callId, 1, RawSip.branch(), null, null);
            peer.send(options, port);
            RawSip.Msg first = peer.receive(3000);
            peer.send(options, port); // a retransmission: the stack answers it from the transaction
            RawSip.Msg second = peer.receive(3000);
            assertTrue(await(() -> captured.size() == 4, 3000), "captured " + captured);
            InetSocketAddress us = new InetSocketAddress("127.0.0.1", port);
            InetSocketAddress them = new InetSocketAddress("127.0.0.1", peer.port());
            // by direction (the times of sent messages are taken just after the write: their order with the
            // next message read may differ on a loaded machine)
            List<Captured> in =
                    captured.stream().filter(c -> c.from().equals(them)).toList();
            List<Captured> out =
                    captured.stream().filter(c -> c.from().equals(us)).toList();
            assertEquals(2, in.size(), "received: " + captured);
            assertEquals(2, out.size(), "sent: " + captured);
            for (Captured c : in) {
                assertEquals(options, c.text(), "the request as sent, byte for byte");
                assertEquals(us, c.to());
            }
            for (Captured c : out) {
                assertEquals(them, c.to());
            }
            assertEquals(first.toString(), out.get(0).text());
            assertEquals(second.toString(), out.get(1).text());
            for (Captured c : captured) {
                assertEquals("udp", c.transport());
                assertEquals(callId, c.callId());
                assertTrue(c.at() >= before && c.at() <= CaptureHook.nowMicros(), "microseconds since the epoch");
            }
        }
    }

    @Test
    void overTcpTooWithTheConnectionsAddresses() throws Exception {
        CaptureHook.use((message, transport, from, to, at, callId) -> captured.add(
                new Captured(new String(message, StandardCharsets.UTF_8), transport, from, to, at, callId)));
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp,tcp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Tcp peer = new RawSip.Tcp(port)) {
            String options = RawSip.request(
                    "OPTIONS",
                    "sip:sb@127.0.0.1:" + port,
                    "TCP",
                    peer.localPort(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    null,
                    null);
            peer.send(options);
            RawSip.Msg answer = peer.receive(3000);
            assertTrue(await(() -> captured.size() == 2, 3000), "captured " + captured);
            captured.sort(Comparator.comparingLong(Captured::at));
            // the stack's stream parser joins header lines by LF: the capture restores the CRLFs of the wire
            InetSocketAddress us = new InetSocketAddress("127.0.0.1", port);
            InetSocketAddress them = new InetSocketAddress("127.0.0.1", peer.localPort());
            assertEquals(options, captured.get(0).text());
            assertEquals(them, captured.get(0).from());
            assertEquals(us, captured.get(0).to());
            assertEquals(answer.toString(), captured.get(1).text());
            assertEquals(us, captured.get(1).from());
            assertEquals(them, captured.get(1).to());
            assertEquals("tcp", captured.get(0).transport());
            assertEquals("tcp", captured.get(1).transport());
        }
    }

    @Test
    void nothingIsCapturedWithoutACapture() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        assertTrue(!new StackLog().isLoggingEnabled(StackLog.TRACE_MESSAGES), "no message tracing in the stack");
    }
}
