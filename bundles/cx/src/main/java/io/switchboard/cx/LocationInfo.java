package io.switchboard.cx;

/** A LIR (command 302): Public-Identity, Originating-Request present, User-Authorization-Type (may be null). */
public record LocationInfo(String impu, boolean originating, UserAuthorizationType type) {}
