package io.switchboard.cx;

/**
 * SIP-Digest-Authenticate (AVP 635) of a SIP Digest item: Digest-Realm (104), Digest-Algorithm (111), Digest-QoP
 * (110) and Digest-HA1 (121, lower-case hex of MD5(impi:realm:password)).
 */
public record DigestAuthenticate(String realm, String algorithm, String qop, String ha1) {}
