package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * UDP receive through {@link CompactUdpMessageProcessor} with real datagrams: a message just under the maximum size
 * arrives whole, a longer one is cut at the maximum as the RI's own loop cut it (and answered 400 as truncated, as
 * before), garbage and truncated datagrams are dropped or answered as before, and answers leave from the listening
 * port (the stack's UDP flag is set).
 */
class CompactUdpReceiveTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private int port;
    private final AtomicReference<String> body = new AtomicReference<>();

    private void startAnswering() throws Exception {
        port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> body.set(e.getIn().getBody(String.class)))
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
    }

    /** A MESSAGE whose whole datagram is exactly {@code size} bytes. */
    private static String messageOfSize(int fromPort, int toPort, int size) {
        String head = RawSip.request(
                "MESSAGE",
                "sip:sb@127.0.0.1:" + toPort,
                "UDP",
                fromPort,
                RawSip.newCallId(),
                1,
                RawSip.branch(),
                List.of("Content-Type: text/plain"),
                "");
        // Content-Length: 0 becomes Content-Length: N; the body fills what the digits of N leave
        int bodyLength = 0;
        for (int digits = 1; digits < 7; digits++) {
            int candidate = size - (head.length() - 1) - digits;
            if (Integer.toString(candidate).length() == digits) {
                bodyLength = candidate;
            }
        }
        String text = head.replace("Content-Length: 0", "Content-Length: " + bodyLength) + "x".repeat(bodyLength);
        assertEquals(size, text.getBytes(StandardCharsets.UTF_8).length);
        return text;
    }

    /** The next datagram with its source port, or null after the wait. */
    private static DatagramPacket receive(RawSip.Udp peer, int millis) throws Exception {
        peer.socket.setSoTimeout(millis);
        DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
        try {
            peer.socket.receive(p);
            return p;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static RawSip.Msg text(DatagramPacket p) {
        return new RawSip.Msg(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
    }

    @Test
    void aMessageJustUnderTheMaximumArrivesWholeAndIsAnsweredFromTheListeningPort() throws Exception {
        startAnswering();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String text = messageOfSize(peer.port(), port, SipConnector.MAX_MESSAGE_SIZE);
            peer.send(text, port);
            DatagramPacket answer = receive(peer, WAIT);
            assertNotNull(answer, "no answer to a datagram of exactly MAX_MESSAGE_SIZE bytes");
            assertEquals(200, text(answer).status(), text(answer).text);
            assertEquals(port, answer.getPort(), "answered from another socket than the listening one");
            assertEquals(text.substring(text.indexOf("\r\n\r\n") + 4), body.get());
        }
        assertTrue(
                Thread.getAllStackTraces().values().stream()
                        .flatMap(Arrays::stream)
                        .anyMatch(f -> f.getClassName().equals(CompactUdpMessageProcessor.class.getName())
                                && f.getMethodName().equals("run")),
                "the UDP listening point does not receive in CompactUdpMessageProcessor");
    }

    @Test
    void aLongerDatagramIsCutAtTheMaximumAndAnswered400AsTruncated() throws Exception {
        startAnswering();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(messageOfSize(peer.port(), port, SipConnector.MAX_MESSAGE_SIZE + 1), port);
            DatagramPacket answer = receive(peer, WAIT);
            assertNotNull(answer, "no answer to a datagram one byte over MAX_MESSAGE_SIZE");
            RawSip.Msg r = text(answer);
            assertEquals(400, r.status(), r.text);
            assertEquals("Bad Request (message truncated)", r.reason());
            assertNull(body.get(), "a cut message reached the route");

            peer.send(messageOfSize(peer.port(), port, 40_000), port);
            r = text(receive(peer, WAIT));
            assertEquals(400, r.status(), r.text);
            assertEquals("Bad Request (message truncated)", r.reason());
            assertNull(body.get());
        }
        assertEquals(2, stats(port).malformedMessages());
        assertEquals(0, stats(port).requestsReceived());
    }

    @Test
    void garbageAndHeadlessDatagramsBetweenGoodOnesChangeNothing() throws Exception {
        startAnswering();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String small = messageOfSize(peer.port(), port, 600);
            peer.send(new byte[0], port);
            peer.send("garbage\r\n\r\n", port);
            peer.send(small.substring(0, small.indexOf("Call-ID")), port);
            assertNull(receive(peer, 500), "garbage got an answer");
            // a long message after short ones and a short one after a long one: no stale bytes of the reused buffer
            String large = messageOfSize(peer.port(), port, 9000);
            peer.send(large, port);
            assertEquals(200, text(receive(peer, WAIT)).status());
            assertEquals(large.substring(large.indexOf("\r\n\r\n") + 4), body.get());
            peer.send(small, port);
            assertEquals(200, text(receive(peer, WAIT)).status());
            assertEquals(small.substring(small.indexOf("\r\n\r\n") + 4), body.get());
        }
        assertTrue(await(() -> stats(port).malformedMessages() >= 2, WAIT), "malformed not counted");
        assertEquals(2, stats(port).requestsReceived());
    }

    @Test
    void theQueuedCopyHoldsOnlyTheDatagramsBytesAndItsSource() throws Exception {
        byte[] buffer = "xxHELLOyyyyyyyy".getBytes(StandardCharsets.US_ASCII);
        DatagramPacket received = new DatagramPacket(buffer, 2, 5, InetAddress.getLoopbackAddress(), 5070);
        DatagramPacket copy = CompactUdpMessageProcessor.copy(received);
        assertArrayEquals("HELLO".getBytes(StandardCharsets.US_ASCII), copy.getData());
        assertEquals(0, copy.getOffset());
        assertEquals(5, copy.getLength());
        assertEquals(InetAddress.getLoopbackAddress(), copy.getAddress());
        assertEquals(5070, copy.getPort());
    }

    @Test
    void theWorkerOfAMessageIsChosenByItsCallIdAlone() {
        String request = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1\r\n"
                + "Call-ID: abc-123@host\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        String response = "SIP/2.0 180 Ringing\r\nvia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK9\r\n"
                + "CALL-ID :  abc-123@host \r\ncseq: 1 INVITE\r\n\r\n";
        String compact = "BYE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK2\r\ni:abc-123@host\r\n\r\n";
        for (int workers = 1; workers <= 7; workers++) {
            int w = worker(request, workers);
            assertTrue(w >= 0 && w < workers);
            assertEquals(w, worker(response, workers), "a response of the call");
            assertEquals(w, worker(compact, workers), "the compact form");
        }
        int spread = 0;
        for (int n = 0; n < 64; n++) {
            spread |= 1 << worker(request.replace("abc-123", "call" + n), 4);
        }
        assertEquals(0b1111, spread, "calls spread over the workers");
    }

    @Test
    void aMessageWithoutCallIdHasNoWorkerOfItsOwn() {
        assertEquals(-1, worker("\r\n\r\n", 2), "keep-alive");
        assertEquals(-1, worker("garbage", 2));
        assertEquals(-1, worker("MESSAGE sip:a@b SIP/2.0\r\nCall-Info: <x>\r\nI-Am: no\r\n\r\n", 2));
        // a Call-ID in the body is not the message's
        assertEquals(-1, worker("MESSAGE sip:a@b SIP/2.0\r\nCSeq: 1 MESSAGE\r\n\r\nCall-ID: x\r\n", 2));
        // only the datagram's length counts, not the rest of the array
        byte[] b = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, CompactUdpMessageProcessor.workerOf(b, 25, 2));
    }

    /**
     * Messages of one call that arrive back to back are handled by one worker in their order, while the stack runs
     * several workers (the RI's shared queue handed them to whichever thread was free).
     */
    @Test
    void theMessagesOfOneCallAreHandledInOrderByOneThread() throws Exception {
        port = RawSip.freePort();
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp&threadPoolSize=4")
                        .process(e -> {
                            String callId = e.getIn().getHeader(SipHeaders.CALL_ID, String.class);
                            seen.computeIfAbsent(callId, k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(Thread.currentThread().getName() + "|"
                                            + e.getIn().getHeader(SipHeaders.CSEQ, String.class));
                        })
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        int calls = 8;
        int perCall = 12;
        try (RawSip.Udp peer = new RawSip.Udp()) {
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                ids.add(RawSip.newCallId());
            }
            for (int n = 1; n <= perCall; n++) {
                for (String id : ids) {
                    peer.send(
                            RawSip.request(
                                    "MESSAGE",
                                    "sip:sb@127.0.0.1:" + port,
                                    "UDP",
                                    peer.port(),
                                    id,
                                    n,
                                    RawSip.branch(),
                                    List.of(),
                                    ""),
                            port);
                }
            }
            for (int k = 0; k < calls * perCall; k++) {
                assertNotNull(receive(peer, WAIT), "answer " + k);
            }
        }
        assertEquals(calls, seen.size());
        Set<String> threads = new HashSet<>();
        for (List<String> handled : seen.values()) {
            assertEquals(perCall, handled.size());
            String thread = handled.get(0).substring(0, handled.get(0).indexOf('|'));
            for (int n = 1; n <= perCall; n++) {
                String cseq = handled.get(n - 1).substring(thread.length() + 1);
                assertTrue(
                        handled.get(n - 1).startsWith(thread + "|") && cseq.split(" ")[0].equals(Integer.toString(n)),
                        "one thread, in order: " + handled);
            }
            threads.add(thread);
        }
        assertTrue(threads.size() > 1, "one thread took every call: " + threads);
    }

    private static int worker(String message, int workers) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        return CompactUdpMessageProcessor.workerOf(b, b.length, workers);
    }
}
