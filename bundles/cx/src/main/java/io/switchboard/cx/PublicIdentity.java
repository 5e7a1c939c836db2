package io.switchboard.cx;

/**
 * An IMPU: barred or not, its implicit registration set (identities with the same {@code irsId} register together;
 * null: a set of its own), its service profile, and IdentityType (0 public user identity, 1 distinct PSI).
 */
public record PublicIdentity(String impu, boolean barred, String irsId, String serviceProfile, int identityType) {}
