package io.switchboard.cx;

/**
 * One SIP-Auth-Data-Item (AVP 612) of a MAA. AKA: {@code authenticate} = RAND‖AUTN (32 octets), {@code authorization}
 * = XRES, {@code ck}/{@code ik} the keys, {@code digest} null. SIP Digest: {@code digest} only, the byte arrays null.
 */
public record AuthItem(
        int itemNumber,
        String scheme,
        byte[] authenticate,
        byte[] authorization,
        byte[] ck,
        byte[] ik,
        DigestAuthenticate digest) {}
