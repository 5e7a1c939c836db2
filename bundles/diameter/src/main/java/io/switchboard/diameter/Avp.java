package io.switchboard.diameter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One AVP (RFC 6733 §4.1): code, vendor (0 = none, no V bit), flags and its value as the octets on the wire without
 * padding. Immutable, so that a received message can be handed to several routes safely. The value is kept as
 * octets, not as a Java object: a relay or a Failed-AVP must send back exactly what arrived, and the type of an AVP
 * is the dictionary's business ({@link DiameterDictionary}); the typed accessors read the octets as the caller
 * knows them to be.
 */
public final class Avp {

    /** V: a Vendor-Id field follows the length. */
    public static final int FLAG_VENDOR = 0x80;
    /** M: the receiver must understand the AVP or reject the message (5001). */
    public static final int FLAG_MANDATORY = 0x40;
    /** P: deprecated end-to-end security; never set by us. */
    public static final int FLAG_PROTECTED = 0x20;

    private final int code;
    private final long vendorId;
    private final int flags;
    private final byte[] data;

    /**
     * @param code     AVP code (unsigned 32 bits held in an int)
     * @param vendorId 0 for IETF AVPs; otherwise the V flag is set whatever {@code flags} says
     * @param flags    the flag octet; V is derived from {@code vendorId}
     * @param data     the value octets (copied)
     */
    public Avp(int code, long vendorId, int flags, byte[] data) {
        this.code = code;
        this.vendorId = vendorId;
        this.flags = vendorId != 0 ? (flags | FLAG_VENDOR) & 0xFF : flags & 0x7F;
        this.data = data.clone();
    }

    public static Avp octets(int code, long vendorId, boolean mandatory, byte[] value) {
        return new Avp(code, vendorId, mandatory ? FLAG_MANDATORY : 0, value);
    }

    public static Avp utf8(int code, long vendorId, boolean mandatory, String value) {
        return octets(code, vendorId, mandatory, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Avp unsigned32(int code, long vendorId, boolean mandatory, long value) {
        return octets(
                code,
                vendorId,
                mandatory,
                ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static Avp integer32(int code, long vendorId, boolean mandatory, int value) {
        return octets(
                code, vendorId, mandatory, ByteBuffer.allocate(4).putInt(value).array());
    }

    public static Avp unsigned64(int code, long vendorId, boolean mandatory, long value) {
        return octets(
                code, vendorId, mandatory, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** Address (RFC 6733 §4.3.1): family 1 (IPv4) or 2 (IPv6), then the address. */
    public static Avp address(int code, long vendorId, boolean mandatory, InetAddress value) {
        byte[] a = value.getAddress();
        ByteBuffer b = ByteBuffer.allocate(2 + a.length);
        b.putShort((short) (a.length == 4 ? 1 : 2)).put(a);
        return octets(code, vendorId, mandatory, b.array());
    }

    /** Time: NTP seconds since 1900 (RFC 6733 §4.3.1), in 32 bits. */
    public static Avp time(int code, long vendorId, boolean mandatory, Instant value) {
        return unsigned32(code, vendorId, mandatory, value.getEpochSecond() + NTP_OFFSET);
    }

    /** A Grouped AVP holding {@code children}, encoded (each padded) in order. */
    public static Avp grouped(int code, long vendorId, boolean mandatory, List<Avp> children) {
        int size = 0;
        for (Avp c : children) {
            size += c.paddedLength();
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (Avp c : children) {
            c.writeTo(b);
        }
        return octets(code, vendorId, mandatory, b.array());
    }

    private static final long NTP_OFFSET = 2_208_988_800L;

    public int code() {
        return code;
    }

    public long vendorId() {
        return vendorId;
    }

    public int flags() {
        return flags;
    }

    public boolean isVendorSpecific() {
        return (flags & FLAG_VENDOR) != 0;
    }

    public boolean isMandatory() {
        return (flags & FLAG_MANDATORY) != 0;
    }

    /** The value octets (a copy). */
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** Header and value, as the AVP Length field counts it (without padding). */
    public int length() {
        return (isVendorSpecific() ? 12 : 8) + data.length;
    }

    /** Length rounded up to 4 octets: what the AVP takes in a message. */
    public int paddedLength() {
        return (length() + 3) & ~3;
    }

    /** Writes header, value and padding at the buffer's position. */
    public void writeTo(ByteBuffer b) {
        b.putInt(code);
        b.putInt((flags << 24) | length());
        if (isVendorSpecific()) {
            b.putInt((int) vendorId);
        }
        b.put(data);
        for (int i = length(); i < paddedLength(); i++) {
            b.put((byte) 0);
        }
    }

    /** The UTF8String / DiameterIdentity / DiameterURI value. */
    public String asUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Unsigned32 (and Enumerated read as unsigned); needs exactly 4 octets. */
    public long asUnsigned32() {
        return Integer.toUnsignedLong(asInteger32());
    }

    /** Integer32 or Enumerated. */
    public int asInteger32() {
        need(4);
        return ByteBuffer.wrap(data).getInt();
    }

    /** Integer64 or Unsigned64 (the caller reads the sign). */
    public long asInteger64() {
        need(8);
        return ByteBuffer.wrap(data).getLong();
    }

    public float asFloat32() {
        need(4);
        return ByteBuffer.wrap(data).getFloat();
    }

    public double asFloat64() {
        need(8);
        return ByteBuffer.wrap(data).getDouble();
    }

    /** Time as an instant (NTP era 0). */
    public Instant asTime() {
        return Instant.ofEpochSecond(asUnsigned32() - NTP_OFFSET);
    }

    /** Address of family 1 or 2. */
    public InetAddress asAddress() {
        int family = data.length >= 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
        int size = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (size < 0 || data.length != 2 + size) {
            throw new IllegalStateException("AVP " + code + " is no IPv4/IPv6 Address");
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(data, 2, data.length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The AVPs inside a Grouped AVP, in order.
     *
     * @throws DiameterDecodeException when the value is not a sequence of well-formed AVPs
     */
    public List<Avp> children() {
        return AvpReader.read(ByteBuffer.wrap(data), data.length);
    }

    /** The first child with this code and vendor. */
    public Optional<Avp> child(int childCode, long childVendor) {
        for (Avp a : children()) {
            if (a.code == childCode && a.vendorId == childVendor) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private void need(int size) {
        if (data.length != size) {
            throw new IllegalStateException("AVP " + code + " has " + data.length + " octets, not " + size);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Avp a
                && a.code == code
                && a.vendorId == vendorId
                && a.flags == flags
                && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + Long.hashCode(vendorId)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AVP " + code + (vendorId != 0 ? "/" + vendorId : "") + " flags=0x" + Integer.toHexString(flags)
                + " len=" + length();
    }
}
