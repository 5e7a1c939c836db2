package io.switchboard.cx;

/**
 * A MAR (command 303): User-Name, Public-Identity, the requested SIP-Authentication-Scheme and SIP-Number-Auth-Items
 * of its SIP-Auth-Data-Item, Server-Name, and on a re-synchronisation the item's SIP-Authorization (RAND‖AUTS,
 * 30 octets; null otherwise).
 */
public record MultimediaAuth(
        String impi, String impu, String scheme, int numberOfItems, String serverName, byte[] authorization) {}
