package io.switchboard.sip.internal;

import java.util.List;

/**
 * Settings of one connector (one JAIN-SIP stack listening on {@code host:port}).
 *
 * @param host           listen address (0.0.0.0 = every interface)
 * @param port           listen port, for every transport
 * @param transports     {@code udp} and/or {@code tcp}, lower case, no duplicates
 * @param advertisedHost host put in Via and Contact of what the connector sends
 * @param threadPoolSize JAIN-SIP THREAD_POOL_SIZE
 * @param udpBufferSize  UDP socket receive/send buffer size in bytes
 */
public record ConnectorConfig(
        String host, int port, List<String> transports, String advertisedHost, int threadPoolSize, int udpBufferSize) {

    public ConnectorConfig {
        transports = List.copyOf(transports);
    }

    /** {@code host:port}, the key under which connectors are shared. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
