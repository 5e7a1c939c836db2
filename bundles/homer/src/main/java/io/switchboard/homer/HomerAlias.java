package io.switchboard.homer;

/**
 * One IP alias of Homer 7 (homer-app table {@code alias}): the name Homer shows for packets of {@code ip}
 * ({@code mask} bits) and {@code port}. The same fields, with the same names, in the inventory and on Homer's wire,
 * so an inventory entry reads exactly like what {@code GET /api/v3/alias} answers.
 *
 * @param alias the name shown (1 to 250 characters)
 * @param ip an IPv4 or IPv6 literal (never a host name: Homer validates it as an IP)
 * @param port the port, 0 to 65535 (0: any port)
 * @param mask prefix length, 0 to 32 for IPv4 and 0 to 128 for IPv6
 * @param captureID the capture node the alias applies to (at most 20 characters; Homer's default is "0")
 * @param status whether Homer uses the alias
 */
public record HomerAlias(String alias, String ip, int port, int mask, String captureID, boolean status) {}
