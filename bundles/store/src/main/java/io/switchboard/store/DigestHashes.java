package io.switchboard.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash functions of HTTP/SIP digest authentication (RFC 7616): {@code MD5} and {@code SHA-256}, lower-case hex. */
public final class DigestHashes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DigestHashes() {}

    /** H(data) for {@code MD5} or {@code SHA-256} (also accepted: {@code SHA256}); lower-case hex. */
    public static String hash(String algorithm, String data) {
        try {
            MessageDigest md = MessageDigest.getInstance(javaName(algorithm));
            byte[] d = md.digest(data.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[d.length * 2];
            for (int i = 0; i < d.length; i++) {
                out[2 * i] = HEX[(d[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[d[i] & 0xf];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HA1 = H(username:realm:password). */
    public static String ha1(String algorithm, String username, String realm, String password) {
        return hash(algorithm, username + ":" + realm + ":" + password);
    }

    private static String javaName(String algorithm) {
        if ("MD5".equalsIgnoreCase(algorithm)) {
            return "MD5";
        }
        if ("SHA-256".equalsIgnoreCase(algorithm) || "SHA256".equalsIgnoreCase(algorithm)) {
            return "SHA-256";
        }
        throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    }
}
