package io.switchboard.sip.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of one connector (one JAIN-SIP stack listening on {@code host:port}).
 *
 * @param host           listen address (0.0.0.0 = every interface)
 * @param port           listen port, for every transport
 * @param transports     {@code udp} and/or {@code tcp}, lower case, no duplicates
 * @param advertisedHost host put in Via, Record-Route and Contact of what the connector sends; empty (a listener on
 *                       every interface without a configured one): automatic, see {@link #advertisedFor(String)}
 * @param threadPoolSize JAIN-SIP THREAD_POOL_SIZE
 * @param udpBufferSize  UDP socket receive/send buffer size in bytes
 * @param stateless      methods (upper case) whose requests received over UDP outside a dialog are answered without
 *                       a server transaction (RFC 3261 8.2.7), see {@link #answersStatelessly(String, String)}
 * @param waitTimer      ms a non-INVITE server transaction stays after its final response over UDP, absorbing
 *                       retransmissions of its request (Timer J, RFC 3261 17.2.2: 64*T1 = 32 s; Kamailio's tm
 *                       {@code wt_timer}, 5 s): 1 to {@link #MAX_WAIT_TIMER}
 */
public record ConnectorConfig(
        String host,
        int port,
        List<String> transports,
        String advertisedHost,
        int threadPoolSize,
        int udpBufferSize,
        Set<String> stateless,
        int waitTimer) {

    /** The endpoint option's default: OPTIONS, the keepalive that phones and peers send most often. */
    public static final Set<String> DEFAULT_STATELESS = Set.of("OPTIONS");

    /** The endpoint option's default, in ms: Kamailio tm's {@code wt_timer}. */
    public static final int DEFAULT_WAIT_TIMER = 5000;

    /** The longest wait: Timer J of RFC 3261 over UDP with the default T1, 64 * 500 ms. */
    public static final int MAX_WAIT_TIMER = 32000;

    public ConnectorConfig {
        transports = List.copyOf(transports);
        stateless = Set.copyOf(stateless);
        if (waitTimer < 1 || waitTimer > MAX_WAIT_TIMER) {
            throw new IllegalArgumentException("waitTimer must be 1 to " + MAX_WAIT_TIMER + " ms, not " + waitTimer);
        }
    }

    /** A connector with the default stateless methods and wait timer. */
    public ConnectorConfig(
            String host,
            int port,
            List<String> transports,
            String advertisedHost,
            int threadPoolSize,
            int udpBufferSize) {
        this(
                host,
                port,
                transports,
                advertisedHost,
                threadPoolSize,
                udpBufferSize,
                DEFAULT_STATELESS,
                DEFAULT_WAIT_TIMER);
    }

    /**
     * True when a request of {@code method} that came over {@code transport} gets no server transaction: one of the
     * stateless methods, over UDP (over TCP the connection already makes retransmissions rare, and a response must
     * leave on the connection the request came on, which the transaction knows). The caller checks that the request
     * has no To tag. The RI then keeps nothing for it, where a transaction would stay {@code waitTimer} (Timer J) after
     * its answer; a retransmission is a new request that the route answers again, which for these methods is
     * harmless.
     */
    public boolean answersStatelessly(String method, String transport) {
        return stateless.contains(method) && "udp".equalsIgnoreCase(transport);
    }

    /** True when the advertised address is chosen per peer (a wildcard listener, none configured). */
    public boolean automatic() {
        return advertisedHost.isEmpty();
    }

    /** The advertised host when no peer is known (Warning, default From): configured, else the host's primary. */
    @Override
    public String advertisedHost() {
        return automatic() ? LocalAddresses.primary() : advertisedHost;
    }

    /**
     * Our host as {@code peer} (address or host name of the next hop or of the sender; null: unknown) reaches us:
     * the configured advertised host, else the address of our interface towards that peer, never loopback for a
     * remote peer.
     */
    public String advertisedFor(String peer) {
        return automatic() ? LocalAddresses.towards(peer) : advertisedHost;
    }

    /** True when {@code host} is us: the advertised or listen host, or for a wildcard listener any of our addresses. */
    public boolean isOurHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(advertisedHost().toLowerCase(Locale.ROOT))
                || h.equals(this.host.toLowerCase(Locale.ROOT))
                || (isWildcard(this.host) && LocalAddresses.isLocal(h));
    }

    /** True for {@code 0.0.0.0} and {@code ::}. */
    public static boolean isWildcard(String h) {
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** {@code host:port}, the key under which connectors are shared. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
