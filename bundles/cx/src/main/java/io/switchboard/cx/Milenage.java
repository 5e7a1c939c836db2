package io.switchboard.cx;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MILENAGE algorithm set of 3GPP TS 35.206 (f1, f1*, f2, f3, f4, f5, f5*) with AES-128 as the kernel, for one
 * subscriber key K and operator variant OPc. Exported because a test UE (or an S-CSCF simulator) needs the same
 * functions as the HSS. Thread-safe: every call uses its own cipher.
 */
public final class Milenage {

    private static final int[] R = {64, 0, 32, 64, 96};
    private static final byte[][] C = {new byte[16], constant(0), constant(1), constant(2), constant(3), constant(4)};

    private final SecretKeySpec key;
    private final byte[] opc;

    /**
     * @param k the subscriber key, 16 octets
     * @param opc the operator variant already combined with K (OPc), 16 octets
     */
    public Milenage(byte[] k, byte[] opc) {
        if (k.length != 16 || opc.length != 16) {
            throw new IllegalArgumentException("K and OPc are 16 octets");
        }
        this.key = new SecretKeySpec(k.clone(), "AES");
        this.opc = opc.clone();
    }

    /** OPc = E_K(OP) xor OP (TS 35.206 §4.1), for operators that provision OP rather than OPc. */
    public static byte[] opc(byte[] k, byte[] op) {
        if (k.length != 16 || op.length != 16) {
            throw new IllegalArgumentException("K and OP are 16 octets");
        }
        return xor(encrypt(new SecretKeySpec(k, "AES"), op), op);
    }

    /** f1: the network authentication code MAC-A (8 octets). */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return slice(out1(rand, sqn, amf), 0, 8);
    }

    /** f1*: the re-synchronisation authentication code MAC-S (8 octets). */
    public byte[] f1Star(byte[] rand, byte[] sqn, byte[] amf) {
        return slice(out1(rand, sqn, amf), 8, 8);
    }

    /** f2: the response RES / XRES (8 octets). */
    public byte[] f2(byte[] rand) {
        return slice(out(2, rand), 8, 8);
    }

    /** f3: the cipher key CK (16 octets). */
    public byte[] f3(byte[] rand) {
        return out(3, rand);
    }

    /** f4: the integrity key IK (16 octets). */
    public byte[] f4(byte[] rand) {
        return out(4, rand);
    }

    /** f5: the anonymity key AK (6 octets). */
    public byte[] f5(byte[] rand) {
        return slice(out(2, rand), 0, 6);
    }

    /** f5*: the anonymity key of re-synchronisation AK* (6 octets). */
    public byte[] f5Star(byte[] rand) {
        return slice(out(5, rand), 0, 6);
    }

    /** TEMP = E_K(RAND xor OPc). */
    private byte[] temp(byte[] rand) {
        if (rand.length != 16) {
            throw new IllegalArgumentException("RAND is 16 octets");
        }
        return encrypt(key, xor(rand, opc));
    }

    /** OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc with IN1 = SQN || AMF || SQN || AMF. */
    private byte[] out1(byte[] rand, byte[] sqn, byte[] amf) {
        if (sqn.length != 6 || amf.length != 2) {
            throw new IllegalArgumentException("SQN is 6 octets and AMF 2");
        }
        byte[] in1 = new byte[16];
        System.arraycopy(sqn, 0, in1, 0, 6);
        System.arraycopy(amf, 0, in1, 6, 2);
        System.arraycopy(sqn, 0, in1, 8, 6);
        System.arraycopy(amf, 0, in1, 14, 2);
        byte[] x = xor(temp(rand), xor(rotate(xor(in1, opc), R[0]), C[1]));
        return xor(encrypt(key, x), opc);
    }

    /** OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc for n = 2..5. */
    private byte[] out(int n, byte[] rand) {
        byte[] x = xor(rotate(xor(temp(rand), opc), R[n - 1]), C[n]);
        return xor(encrypt(key, x), opc);
    }

    private static byte[] constant(int lastBit) {
        byte[] c = new byte[16];
        if (lastBit > 0) {
            c[15] = (byte) (1 << (lastBit - 1));
        }
        return c;
    }

    /** Cyclic rotation towards the most significant bit by {@code bits} (a multiple of 8 in MILENAGE). */
    private static byte[] rotate(byte[] in, int bits) {
        int bytes = bits / 8;
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = in[(i + bytes) % 16];
        }
        return out;
    }

    private static byte[] encrypt(SecretKeySpec key, byte[] block) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key);
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is not available", e);
        }
    }

    /** a xor b, as long as a. */
    public static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] slice(byte[] in, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(in, from, out, 0, length);
        return out;
    }
}
