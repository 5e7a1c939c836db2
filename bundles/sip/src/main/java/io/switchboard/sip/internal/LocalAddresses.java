package io.switchboard.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This host's addresses, for a connector that listens on every interface without a configured advertised host:
 * which of our addresses a peer reaches us at (the one the kernel sends from towards it: on a host with several
 * interfaces, the interface the peer's requests arrive on), and whether an address is ours. A remote peer never
 * gets a loopback address; a loopback peer gets the loopback address. Answers are cached for a minute (routes and
 * addresses change rarely; a lookup is one unconnected datagram socket, no packet is sent).
 */
final class LocalAddresses {

    private static final long REFRESH_MILLIS = 60_000;
    private static final int MAX_PEERS = 4096;
    /** Any port: connecting a datagram socket only asks the kernel for the route. */
    private static final int PROBE_PORT = 5060;

    private static final Map<String, String> BY_PEER = new ConcurrentHashMap<>();
    private static volatile long byPeerSince = System.currentTimeMillis();
    private static volatile Set<String> local = Set.of();
    private static volatile String primary = "127.0.0.1";
    private static volatile long localSince;

    private LocalAddresses() {}

    /** The host's primary address: the first IPv4 address of an interface that is up and not loopback. */
    static String primary() {
        refresh();
        return primary;
    }

    /** True when {@code host} is a literal address of one of this host's interfaces. */
    static boolean isLocal(String host) {
        if (host == null) {
            return false;
        }
        refresh();
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return local.contains(h.toLowerCase(Locale.ROOT));
    }

    /** Our address as {@code peer} (an address or host name; null: unknown) sees it. */
    static String towards(String peer) {
        if (peer == null || peer.isEmpty()) {
            return primary();
        }
        long now = System.currentTimeMillis();
        if (now - byPeerSince > REFRESH_MILLIS || BY_PEER.size() > MAX_PEERS) {
            BY_PEER.clear();
            byPeerSince = now;
        }
        return BY_PEER.computeIfAbsent(peer, LocalAddresses::lookUp);
    }

    private static String lookUp(String peer) {
        try {
            InetAddress a = InetAddress.getByName(peer.startsWith("[") ? peer.substring(1, peer.length() - 1) : peer);
            if (a.isLoopbackAddress()) {
                return a instanceof Inet4Address ? "127.0.0.1" : "::1";
            }
            if (a.isAnyLocalAddress()) {
                return primary();
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(a, PROBE_PORT);
                InetAddress source = probe.getLocalAddress();
                return source == null || source.isAnyLocalAddress() || source.isLoopbackAddress()
                        ? primary()
                        : source.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            return primary();
        }
    }

    private static void refresh() {
        long now = System.currentTimeMillis();
        if (now - localSince < REFRESH_MILLIS) {
            return;
        }
        Set<String> addresses = new HashSet<>();
        String first = null;
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    addresses.add((zone < 0 ? text : text.substring(0, zone)).toLowerCase(Locale.ROOT));
                    if (first == null && !ni.isLoopback() && a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        first = text;
                    }
                }
            }
        } catch (SocketException e) {
            addresses.add("127.0.0.1");
        }
        local = Set.copyOf(addresses);
        primary = first == null ? "127.0.0.1" : first;
        localSince = now;
    }
}
