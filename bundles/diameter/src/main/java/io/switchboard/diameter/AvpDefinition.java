package io.switchboard.diameter;

/**
 * One AVP of the dictionary: name, code, vendor (0 = IETF), data type and its rule for the M bit.
 *
 * @param name     the name of the RFC or TS ({@code Result-Code}, {@code Public-Identity})
 * @param code     the AVP code
 * @param vendorId 0, or the vendor (10415 for 3GPP): then the V bit is set
 * @param type     the data format
 * @param mBit     whether the M bit must, must not or may be set
 */
public record AvpDefinition(String name, int code, long vendorId, AvpType type, MBit mBit) {

    /** The M-bit rule of an AVP (the "M" column of RFC 6733 §4.5 and TS 29.229 §6.3). */
    public enum MBit {
        /** Sent with M; received without it is tolerated (some peers omit it). */
        MUST,
        /** Sent without M; received with it is 3009 DIAMETER_INVALID_AVP_BITS. */
        MUST_NOT,
        /** Sent without M; either is accepted (the AVPs that TS 29.229 marks with M not set). */
        MAY
    }

    /** The flags this stack sends. */
    public int flags() {
        return (vendorId != 0 ? Avp.FLAG_VENDOR : 0) | (mBit == MBit.MUST ? Avp.FLAG_MANDATORY : 0);
    }

    /** True when the flags received are consistent with this definition. */
    public boolean acceptsFlags(int flags) {
        return mBit != MBit.MUST_NOT || (flags & Avp.FLAG_MANDATORY) == 0;
    }

    /** An AVP of this definition with this value. */
    public Avp avp(byte[] data) {
        return new Avp(code, vendorId, flags(), data);
    }

    /**
     * An example of this AVP with a zero-filled value: what Failed-AVP carries for a missing AVP (RFC 6733 §7.5). A
     * fixed-size type gets its size, an Address an IPv4 family with 0.0.0.0, a Grouped AVP no children, and the
     * variable-length types one zero octet: an empty value is their minimum, but Wireshark flags an empty string AVP
     * as an expert warning ("Data is empty"), and peers' operators read our answers with it.
     */
    public Avp zero() {
        int size;
        if (type == AvpType.ADDRESS) {
            size = 6;
        } else if (type.fixedSize() >= 0) {
            size = type.fixedSize();
        } else {
            size = type == AvpType.GROUPED ? 0 : 1;
        }
        return avp(new byte[size]);
    }
}
