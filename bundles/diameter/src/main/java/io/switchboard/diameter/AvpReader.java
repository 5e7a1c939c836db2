package io.switchboard.diameter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads consecutive AVPs (a message body or a Grouped value). Shared by {@link Avp#children()} and the message
 * codec so that a grouped AVP and a message are checked by the same length rules.
 */
final class AvpReader {

    private AvpReader() {}

    /**
     * Reads AVPs from the buffer's position up to {@code size} octets further.
     *
     * @throws DiameterDecodeException 5014 DIAMETER_INVALID_AVP_LENGTH naming the AVP whose length does not fit
     */
    static List<Avp> read(ByteBuffer b, int size) {
        List<Avp> out = new ArrayList<>();
        int end = b.position() + size;
        while (b.position() < end) {
            int start = b.position();
            if (end - start < 8) {
                throw DiameterDecodeException.badAvpLength(new Avp(0, 0, 0, new byte[0]));
            }
            int code = b.getInt();
            int word = b.getInt();
            int flags = (word >>> 24) & 0xFF;
            int length = word & 0xFFFFFF;
            boolean vendor = (flags & Avp.FLAG_VENDOR) != 0;
            int header = vendor ? 12 : 8;
            long vendorId = vendor && end - start >= 12 ? Integer.toUnsignedLong(b.getInt()) : 0;
            if (length < header || start + length > end) {
                throw DiameterDecodeException.badAvpLength(new Avp(code, vendorId, flags, new byte[0]));
            }
            byte[] value = new byte[length - header];
            b.get(value);
            b.position(Math.min(end, start + ((length + 3) & ~3)));
            out.add(new Avp(code, vendorId, flags, value));
        }
        return out;
    }
}
