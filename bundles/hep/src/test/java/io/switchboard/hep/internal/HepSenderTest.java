package io.switchboard.hep.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.hep.HepDecoder;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class HepSenderTest {

    private static final byte[] SIP = "BYE sip:a@b SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final HepCounters counters = new HepCounters();

    @Test
    void udpCollectorGetsOneDatagramPerMessageWithItsAddresses() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                HepSender sender = new HepSender(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.getLocalPort()),
                        false,
                        10,
                        counters)) {
            collector.setSoTimeout(5000);
            HepCapture capture = new HepCapture(sender, 7, "", true, counters);
            capture.captured(
                    SIP,
                    "udp",
                    new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 5060),
                    new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 5080),
                    1_700_000_000_123_456L,
                    "call-1");
            DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
            collector.receive(p);
            byte[] packet = Arrays.copyOf(p.getData(), p.getLength());
            Map<Integer, byte[]> c = HepDecoder.decode(packet);
            assertArrayEquals(SIP, c.get(15));
            assertEquals(5080, HepDecoder.uint(c.get(8)));
            assertEquals(123_456, HepDecoder.uint(c.get(10)));
            assertEquals("call-1", new String(c.get(17), StandardCharsets.UTF_8));
            assertTrue(await(() -> counters.sent.sum() == 1));
        }
    }

    @Test
    void tcpCollectorGetsAStreamOfPacketsAndADownCollectorCostsDropsNotWaits() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                HepSender sender = new HepSender(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                        true,
                        10,
                        counters)) {
            HepCapture capture = new HepCapture(sender, 7, "key", false, counters);
            InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
            capture.captured(SIP, "tcp", a, a, 1, "x");
            capture.captured(SIP, "tcp", a, a, 2, "x");
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                for (int i = 0; i < 2; i++) {
                    byte[] head = new byte[6];
                    in.readFully(head);
                    int length = ((head[4] & 0xff) << 8) | (head[5] & 0xff);
                    byte[] packet = new byte[length];
                    System.arraycopy(head, 0, packet, 0, 6);
                    in.readFully(packet, 6, length - 6);
                    Map<Integer, byte[]> c = HepDecoder.decode(packet);
                    assertEquals(6, HepDecoder.uint(c.get(2)));
                    assertEquals("key", new String(c.get(14), StandardCharsets.UTF_8));
                    assertTrue(!c.containsKey(17), "no correlation id when correlation = false");
                }
            }
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (HepSender sender =
                new HepSender(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), true, 2, counters)) {
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                sender.offer(SIP);
            }
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "offer never waits");
            assertTrue(await(() -> counters.dropped.sum() >= 998), "dropped " + counters.dropped.sum());
            assertEquals(0, counters.sent.sum());
        }
    }

    @Test
    void aMessageWithoutAnAddressIsUnsendable() {
        try (HepSender sender = new HepSender(new InetSocketAddress("127.0.0.1", 9), false, 2, counters)) {
            new HepCapture(sender, 1, "", true, counters).captured(SIP, "udp", null, null, 1, null);
            assertEquals(1, counters.unsendable.sum());
        }
    }

    private static boolean await(BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100 && !c.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        return c.getAsBoolean();
    }
}
