package io.switchboard.hep;

import static io.switchboard.hep.HepDecoder.uint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hep3Test {

    private static final byte[] SIP =
            "OPTIONS sip:bob@example.com SIP/2.0\r\nCall-ID: abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSpecsExampleChunksInKamailiosOrder() throws Exception {
        byte[] packet = Hep3.encode(
                false,
                new InetSocketAddress(InetAddress.getByName("212.202.0.1"), 12010),
                new InetSocketAddress(InetAddress.getByName("82.116.0.211"), 5060),
                1313440459L * 1_000_000 + 120000,
                228,
                null,
                null,
                SIP);
        Map<Integer, byte[]> c = HepDecoder.decode(packet);
        assertEquals(List.of(1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 15), List.copyOf(c.keySet()));
        assertEquals(2, uint(c.get(1)));
        assertEquals(17, uint(c.get(2)));
        assertArrayEquals(new byte[] {(byte) 212, (byte) 202, 0, 1}, c.get(3));
        assertArrayEquals(new byte[] {82, 116, 0, (byte) 211}, c.get(4));
        assertEquals(12010, uint(c.get(7)));
        assertEquals(5060, uint(c.get(8)));
        assertEquals(1313440459L, uint(c.get(9)));
        assertEquals(120000, uint(c.get(10)));
        assertEquals(1, uint(c.get(11)));
        assertEquals(228, uint(c.get(12)));
        assertArrayEquals(SIP, c.get(15));
        // the spec's byte sizes: 6 + 7 + 7 + 10 + 10 + 8 + 8 + 10 + 10 + 7 + 10 + (6 + payload)
        assertEquals(6 + 7 + 7 + 10 + 10 + 8 + 8 + 10 + 10 + 7 + 10 + 6 + SIP.length, packet.length);
    }

    @Test
    void tcpIpv6CorrelationAndAuthKeyBeforeThePayload() throws Exception {
        byte[] packet = Hep3.encode(
                true,
                new InetSocketAddress(InetAddress.getByName("::1"), 5060),
                new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 5070),
                1_700_000_000_000_001L,
                -1,
                "secret",
                "abc",
                SIP);
        Map<Integer, byte[]> c = HepDecoder.decode(packet);
        assertEquals(List.of(1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 17, 14, 15), List.copyOf(c.keySet()));
        assertEquals(10, uint(c.get(1)));
        assertEquals(6, uint(c.get(2)));
        assertEquals(16, c.get(5).length);
        assertArrayEquals(InetAddress.getByName("2001:db8::7").getAddress(), c.get(6));
        assertEquals(1, uint(c.get(10)));
        assertEquals(0xffffffffL, uint(c.get(12)));
        assertEquals("abc", new String(c.get(17), StandardCharsets.UTF_8));
        assertEquals("secret", new String(c.get(14), StandardCharsets.UTF_8));
    }

    @Test
    void tooLargeOrMixedFamiliesIsNoPacket() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 5060);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 5060);
        // 99 bytes of header and chunk headers around an IPv4 payload
        assertNull(Hep3.encode(false, v4, v4, 0, 1, null, null, new byte[65535 - 98]));
        assertEquals(65535, Hep3.encode(false, v4, v4, 0, 1, null, null, new byte[65535 - 99]).length);
        assertNull(Hep3.encode(false, v4, v6, 0, 1, null, null, SIP));
    }
}
