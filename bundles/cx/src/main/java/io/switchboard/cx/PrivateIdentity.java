package io.switchboard.cx;

/**
 * An IMPI: the digest realm with the password ({@code secret}) or HA1 of {@code impi:realm:password}, and the AKA set
 * (K, OPc: 32 hex digits; AMF: 4; SQN: the next sequence number, 48 bits). Either kind may be absent (null).
 */
public record PrivateIdentity(
        String impi,
        String realm,
        String secret,
        String ha1,
        String akaK,
        String akaOpc,
        String akaAmf,
        long akaSqn,
        boolean roamingAllowed) {

    /** True when SIP Digest is possible. */
    public boolean hasDigest() {
        return secret != null || ha1 != null;
    }

    /** True when Digest-AKAv1-MD5 is possible. */
    public boolean hasAka() {
        return akaK != null && akaOpc != null;
    }
}
