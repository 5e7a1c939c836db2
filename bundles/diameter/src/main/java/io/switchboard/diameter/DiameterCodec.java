package io.switchboard.diameter;

import java.nio.ByteBuffer;

/**
 * The wire format of a whole message (RFC 6733 §3, §4): a 20-octet header then padded AVPs, big-endian. Framing
 * (finding where a message ends in a TCP stream) is the transport's job; this class reads and writes one complete
 * message.
 */
public final class DiameterCodec {

    /** Header length. */
    public static final int HEADER = 20;

    private DiameterCodec() {}

    public static byte[] encode(DiameterMessage m) {
        int length = m.length();
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt((1 << 24) | length);
        b.putInt((m.flags() << 24) | (m.commandCode() & 0xFFFFFF));
        b.putInt((int) m.applicationId());
        b.putInt(m.hopByHop());
        b.putInt(m.endToEnd());
        for (Avp a : m.avps()) {
            a.writeTo(b);
        }
        return b.array();
    }

    /**
     * Reads the header alone (enough to answer with an error when the AVPs cannot be read).
     *
     * @throws DiameterDecodeException 5015 when the buffer is too short, 5011 for a version other than 1
     */
    public static DiameterMessage decodeHeader(byte[] frame) {
        if (frame.length < HEADER) {
            throw new DiameterDecodeException(DiameterResultCodes.INVALID_MESSAGE_LENGTH, null, "short message");
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int first = b.getInt();
        if ((first >>> 24) != 1) {
            throw new DiameterDecodeException(
                    DiameterResultCodes.UNSUPPORTED_VERSION, null, "version " + (first >>> 24));
        }
        int second = b.getInt();
        return new DiameterMessage(
                second >>> 24, second & 0xFFFFFF, Integer.toUnsignedLong(b.getInt()), b.getInt(), b.getInt());
    }

    /**
     * Reads one complete message.
     *
     * @throws DiameterDecodeException 5015 when the Message Length field disagrees with the frame, 5014 when an AVP
     *                                 length does not fit (with that AVP for Failed-AVP), or as {@link #decodeHeader}
     */
    public static DiameterMessage decode(byte[] frame) {
        DiameterMessage m = decodeHeader(frame);
        int length = ByteBuffer.wrap(frame).getInt() & 0xFFFFFF;
        if (length != frame.length || (length & 3) != 0) {
            throw new DiameterDecodeException(
                    DiameterResultCodes.INVALID_MESSAGE_LENGTH, null, "message length " + length);
        }
        ByteBuffer b = ByteBuffer.wrap(frame, HEADER, length - HEADER);
        m.append(AvpReader.read(b, length - HEADER));
        return m;
    }
}
