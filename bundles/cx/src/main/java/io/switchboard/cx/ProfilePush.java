package io.switchboard.cx;

/**
 * A PPR (command 305) the HSS sends to the S-CSCF on record after a profile changed: Destination-Host (null: route by
 * realm), User-Name and the new User-Data.
 */
public record ProfilePush(String destinationHost, String serverName, String impi, String userData) {}
