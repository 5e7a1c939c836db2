package io.switchboard.diameter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The AVP data formats of RFC 6733 §4.2 and §4.3 with the names the dictionaries use, and what a valid value of
 * each looks like on the wire: the check behind 5004 DIAMETER_INVALID_AVP_VALUE and 5014.
 */
public enum AvpType {
    OCTET_STRING("OctetString", -1),
    INTEGER32("Integer32", 4),
    INTEGER64("Integer64", 8),
    UNSIGNED32("Unsigned32", 4),
    UNSIGNED64("Unsigned64", 8),
    FLOAT32("Float32", 4),
    FLOAT64("Float64", 8),
    GROUPED("Grouped", -1),
    ADDRESS("Address", -1),
    TIME("Time", 4),
    UTF8_STRING("UTF8String", -1),
    DIAMETER_IDENTITY("DiameterIdentity", -1),
    DIAMETER_URI("DiameterURI", -1),
    ENUMERATED("Enumerated", 4);

    private final String wireName;
    private final int size;

    AvpType(String wireName, int size) {
        this.wireName = wireName;
        this.size = size;
    }

    /** The name of RFC 6733 ({@code Unsigned32}, {@code UTF8String}). */
    public String wireName() {
        return wireName;
    }

    /** Octets of a fixed-size value, or -1. */
    public int fixedSize() {
        return size;
    }

    public static AvpType ofWireName(String name) {
        for (AvpType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown AVP type " + name);
    }

    /**
     * True when {@code data} is a valid value of this type. A wrong fixed size is an invalid length (5014); other
     * failures are an invalid value (5004), see {@link #hasValidLength(byte[])}.
     */
    public boolean isValid(byte[] data) {
        if (!hasValidLength(data)) {
            return false;
        }
        return switch (this) {
            case UTF8_STRING, DIAMETER_URI -> isUtf8(data);
            case DIAMETER_IDENTITY -> data.length > 0 && isUtf8(data);
            case GROUPED -> isGrouped(data);
            default -> true;
        };
    }

    /** The length rule alone: fixed sizes, and an Address of family 1 with 4 octets or 2 with 16. */
    public boolean hasValidLength(byte[] data) {
        if (size >= 0) {
            return data.length == size;
        }
        if (this == ADDRESS) {
            if (data.length < 2) {
                return false;
            }
            int family = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            return family == 1 ? data.length == 6 : family != 2 || data.length == 18;
        }
        return true;
    }

    private static boolean isUtf8(byte[] data) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isGrouped(byte[] data) {
        try {
            AvpReader.read(ByteBuffer.wrap(data), data.length);
            return true;
        } catch (DiameterDecodeException e) {
            return false;
        }
    }
}
