package io.switchboard.cx.internal;

import io.switchboard.cx.AuthItem;
import io.switchboard.cx.Milenage;
import io.switchboard.cx.PrivateIdentity;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Digest-AKAv1-MD5 vectors (TS 33.102 §6.3, RFC 3310) from an IMPI's K, OPc and AMF, and the SQN re-synchronisation
 * of TS 33.102 §6.3.5. The SQN advances by {@link #SQN_STEP} per vector: SEQ + 1 with IND 0 (Annex C.1.1), which
 * every USIM's freshness check accepts whatever array size it uses.
 */
public final class AkaVectors {

    public static final String SCHEME = "Digest-AKAv1-MD5";
    /** One SEQ step with a 5-bit IND. */
    public static final long SQN_STEP = 32;

    public static final long SQN_MASK = 0xFFFF_FFFF_FFFFL;
    private static final HexFormat HEX = HexFormat.of();
    /** TS 33.102 §6.3.3: MAC-S is computed with a dummy AMF of zeros. */
    private static final byte[] RESYNC_AMF = new byte[2];

    private AkaVectors() {}

    /** One vector for {@code sqn} and {@code rand} (16 octets); the item number is the caller's. */
    public static AuthItem vector(PrivateIdentity p, int itemNumber, long sqn, byte[] rand) {
        Milenage m = milenage(p);
        byte[] sqnBytes = sqnBytes(sqn);
        byte[] amf = amf(p);
        byte[] autn = new byte[16];
        System.arraycopy(xor6(sqnBytes, m.f5(rand)), 0, autn, 0, 6);
        System.arraycopy(amf, 0, autn, 6, 2);
        System.arraycopy(m.f1(rand, sqnBytes, amf), 0, autn, 8, 8);
        byte[] authenticate = new byte[32];
        System.arraycopy(rand, 0, authenticate, 0, 16);
        System.arraycopy(autn, 0, authenticate, 16, 16);
        return new AuthItem(itemNumber, SCHEME, authenticate, m.f2(rand), m.f3(rand), m.f4(rand), null);
    }

    /**
     * SQN_MS from a SIP-Authorization of RAND‖AUTS (30 octets): AUTS = (SQN_MS xor AK*) ‖ MAC-S. Empty when MAC-S is
     * wrong (the AUTS is not from this subscriber's USIM, or was made for another RAND).
     */
    public static OptionalLong resync(PrivateIdentity p, byte[] randAuts) {
        if (randAuts.length != 30) {
            throw new IllegalArgumentException("RAND||AUTS is 30 octets, got " + randAuts.length);
        }
        Milenage m = milenage(p);
        byte[] rand = Arrays.copyOfRange(randAuts, 0, 16);
        byte[] conc = Arrays.copyOfRange(randAuts, 16, 22);
        byte[] macS = Arrays.copyOfRange(randAuts, 22, 30);
        byte[] sqnMs = xor6(conc, m.f5Star(rand));
        if (!MessageDigest.isEqual(m.f1Star(rand, sqnMs, RESYNC_AMF), macS)) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (byte b : sqnMs) {
            v = (v << 8) | (b & 0xff);
        }
        return OptionalLong.of(v);
    }

    /** The AUTS a USIM with {@code sqnMs} sends for {@code rand}: for tests and UE simulators. */
    public static byte[] auts(PrivateIdentity p, byte[] rand, long sqnMs) {
        Milenage m = milenage(p);
        byte[] sqn = sqnBytes(sqnMs);
        byte[] out = new byte[14];
        System.arraycopy(xor6(sqn, m.f5Star(rand)), 0, out, 0, 6);
        System.arraycopy(m.f1Star(rand, sqn, RESYNC_AMF), 0, out, 6, 8);
        return out;
    }

    /** The next SQN after {@code sqn}. */
    public static long next(long sqn) {
        return (sqn + SQN_STEP) & SQN_MASK;
    }

    static byte[] sqnBytes(long sqn) {
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return b;
    }

    private static Milenage milenage(PrivateIdentity p) {
        return new Milenage(HEX.parseHex(p.akaK()), HEX.parseHex(p.akaOpc()));
    }

    private static byte[] amf(PrivateIdentity p) {
        return p.akaAmf() == null ? new byte[] {(byte) 0x80, 0} : HEX.parseHex(p.akaAmf());
    }

    private static byte[] xor6(byte[] a, byte[] b) {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
