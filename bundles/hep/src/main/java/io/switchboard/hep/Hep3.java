package io.switchboard.hep;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one captured message as a HEPv3 packet (HEP3 Network Protocol Specification rev. 37): the generic chunks
 * Kamailio's siptrace sends, in its order (family, protocol, addresses, ports, seconds, microseconds, protocol type,
 * capture id, [correlation id], [auth key], payload last), vendor 0 only and exact lengths, which is what
 * heplify-server accepts; the payload is never compressed (Homer 7 does not decode chunk 0x0010).
 */
public final class Hep3 {

    /** Protocol type SIP (chunk 0x000b). */
    public static final int PROTO_SIP = 1;

    /** The largest packet: the length field is 16 bits. */
    public static final int MAX_LENGTH = 65535;

    private Hep3() {}

    /**
     * The packet, or null when it would exceed {@link #MAX_LENGTH} or the two addresses are not of one family.
     *
     * @param tcp           the message travelled over TCP (else UDP)
     * @param source        the packet's source
     * @param destination   the packet's destination
     * @param epochMicros   its time, microseconds since the epoch
     * @param captureId     the capture agent id (chunk 0x000c)
     * @param authKey       the collector's key (chunk 0x000e), or null/empty for none
     * @param correlationId the Call-ID (chunk 0x0011), or null for none
     * @param payload       the message as it was on the wire
     */
    public static byte[] encode(
            boolean tcp,
            InetSocketAddress source,
            InetSocketAddress destination,
            long epochMicros,
            int captureId,
            String authKey,
            String correlationId,
            byte[] payload) {
        boolean v4 = source.getAddress() instanceof Inet4Address;
        if (v4 != destination.getAddress() instanceof Inet4Address
                || !(v4 || source.getAddress() instanceof Inet6Address)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 128);
        out.writeBytes(new byte[] {'H', 'E', 'P', '3', 0, 0});
        uint8(out, 0x0001, v4 ? 2 : 10);
        uint8(out, 0x0002, tcp ? 6 : 17);
        chunk(out, v4 ? 0x0003 : 0x0005, source.getAddress().getAddress());
        chunk(out, v4 ? 0x0004 : 0x0006, destination.getAddress().getAddress());
        uint16(out, 0x0007, source.getPort());
        uint16(out, 0x0008, destination.getPort());
        uint32(out, 0x0009, epochMicros / 1_000_000L);
        uint32(out, 0x000a, epochMicros % 1_000_000L);
        uint8(out, 0x000b, PROTO_SIP);
        uint32(out, 0x000c, captureId & 0xffffffffL);
        if (correlationId != null && !correlationId.isEmpty()) {
            chunk(out, 0x0011, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        if (authKey != null && !authKey.isEmpty()) {
            chunk(out, 0x000e, authKey.getBytes(StandardCharsets.UTF_8));
        }
        chunk(out, 0x000f, payload);
        byte[] packet = out.toByteArray();
        if (packet.length > MAX_LENGTH) {
            return null;
        }
        packet[4] = (byte) (packet.length >>> 8);
        packet[5] = (byte) packet.length;
        return packet;
    }

    private static void uint8(ByteArrayOutputStream out, int type, int value) {
        chunk(out, type, new byte[] {(byte) value});
    }

    private static void uint16(ByteArrayOutputStream out, int type, int value) {
        chunk(out, type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    private static void uint32(ByteArrayOutputStream out, int type, long value) {
        chunk(out, type, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Vendor 0, the type, the length including this 6-byte header, the payload. */
    private static void chunk(ByteArrayOutputStream out, int type, byte[] value) {
        int length = value.length + 6;
        out.writeBytes(new byte[] {0, 0, (byte) (type >>> 8), (byte) type, (byte) (length >>> 8), (byte) length});
        out.writeBytes(value);
    }
}
