package io.switchboard.diameter;

/**
 * A peer as the shell and tests see it.
 *
 * @param identity  its Diameter identity (Origin-Host)
 * @param realm     its realm, empty until the capability exchange
 * @param state     {@code OPEN}, {@code WAIT_CEA}, {@code WAIT_CER}, {@code CLOSING}, or {@code CLOSED} for a
 *                  configured peer without a connection
 * @param address   remote address:port of the connection, or the configured one
 * @param initiator true when we opened the connection
 */
public record DiameterPeerInfo(String identity, String realm, String state, String address, boolean initiator) {}
