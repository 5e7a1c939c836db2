package io.switchboard.hep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict HEPv3 decoder for the tests (what heplify-server checks): {@code HEP3}, a total length equal to the
 * packet's, chunks of vendor 0 whose lengths walk exactly to the end, each type once, the payload last.
 */
public final class HepDecoder {

    private HepDecoder() {}

    /** The chunks by type, in packet order. */
    public static Map<Integer, byte[]> decode(byte[] packet) {
        assertArrayEquals(new byte[] {'H', 'E', 'P', '3'}, Arrays.copyOf(packet, 4), "HEP3 id");
        ByteBuffer b = ByteBuffer.wrap(packet);
        assertEquals(packet.length, b.getShort(4) & 0xffff, "total length");
        Map<Integer, byte[]> chunks = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        int at = 6;
        while (at < packet.length) {
            assertTrue(at + 6 <= packet.length, "chunk header at " + at);
            assertEquals(0, b.getShort(at) & 0xffff, "vendor 0");
            int type = b.getShort(at + 2) & 0xffff;
            int length = b.getShort(at + 4) & 0xffff;
            assertTrue(length >= 6 && at + length <= packet.length, "chunk length " + length + " at " + at);
            byte[] value = new byte[length - 6];
            b.get(at + 6, value);
            assertTrue(chunks.put(type, value) == null, "chunk " + type + " twice");
            order.add(type);
            at += length;
        }
        assertEquals(packet.length, at, "the chunks end with the packet");
        assertEquals(0x000f, order.get(order.size() - 1), "payload last");
        return chunks;
    }

    public static long uint(byte[] value) {
        long v = 0;
        for (byte x : value) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }
}
