package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterResultCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connection of each peer, the allow-list, and the election between two connections to the same peer
 * (RFC 6733 §5.6.4): the side with the higher Origin-Host keeps the connection it initiated, the other one is
 * refused with 4003 DIAMETER_ELECTION_LOST. A new connection from a peer whose older one is still registered in
 * the same direction replaces it (a peer that restarted before our watchdog noticed).
 */
final class PeerTable {

    private final DiameterConfig config;
    /** Concurrent so that {@link #countStates} reads it without the table's lock (a scrape blocks no request). */
    private final Map<String, PeerConnection> open = new ConcurrentHashMap<>();

    PeerTable(DiameterConfig config) {
        this.config = config;
    }

    private static String key(String identity) {
        return identity.toLowerCase(Locale.ROOT);
    }

    /** A configured peer, or a host of an accepted realm. */
    boolean allowed(String identity, String realm) {
        String id = key(identity);
        return config.peers().stream().anyMatch(p -> key(p.identity()).equals(id))
                || (realm != null && config.realms().contains(key(realm)));
    }

    /**
     * Registers {@code c} as the connection of {@code identity}, or says why not.
     *
     * @return 2001, 3010 DIAMETER_UNKNOWN_PEER or 4003 DIAMETER_ELECTION_LOST
     */
    synchronized long admit(PeerConnection c, String identity, String realm) {
        if (!allowed(identity, realm)) {
            return DiameterResultCodes.UNKNOWN_PEER;
        }
        String id = key(identity);
        PeerConnection existing = open.get(id);
        if (existing == null || existing == c || existing.state() == PeerConnection.State.CLOSED) {
            c.named(identity, realm);
            open.put(id, c);
            return DiameterResultCodes.SUCCESS;
        }
        PeerConnection keep;
        if (existing.initiator() == c.initiator()) {
            keep = c;
        } else {
            boolean localWins = key(config.originHost()).compareTo(id) > 0;
            keep = localWins == c.initiator() ? c : existing;
        }
        if (keep == existing) {
            return DiameterResultCodes.ELECTION_LOST;
        }
        c.named(identity, realm);
        open.put(id, c);
        existing.close();
        return DiameterResultCodes.SUCCESS;
    }

    synchronized void remove(PeerConnection c) {
        if (c.identity() != null) {
            open.remove(key(c.identity()), c);
        }
    }

    synchronized Optional<PeerConnection> find(String identity) {
        PeerConnection c = open.get(key(identity));
        return c != null && c.state() == PeerConnection.State.OPEN ? Optional.of(c) : Optional.empty();
    }

    synchronized boolean isOpen(String identity) {
        return find(identity).isPresent();
    }

    /** An open peer that shares this application, the first configured one first. */
    synchronized Optional<PeerConnection> anyFor(long applicationId) {
        for (PeerConfig p : config.peers()) {
            Optional<PeerConnection> c = find(p.identity());
            if (c.isPresent() && c.get().applications().contains(applicationId)) {
                return c;
            }
        }
        return open.values().stream()
                .filter(c -> c.state() == PeerConnection.State.OPEN
                        && c.applications().contains(applicationId))
                .findFirst();
    }

    synchronized List<PeerConnection> connections() {
        return new ArrayList<>(open.values());
    }

    synchronized List<DiameterPeerInfo> infos() {
        List<DiameterPeerInfo> out = new ArrayList<>();
        for (PeerConnection c : open.values()) {
            out.add(new DiameterPeerInfo(c.identity(), c.realm(), c.state().name(), c.remoteAddress(), c.initiator()));
        }
        for (PeerConfig p : config.peers()) {
            if (!open.containsKey(key(p.identity()))) {
                out.add(new DiameterPeerInfo(
                        p.identity(), "", "CLOSED", p.connects() ? p.host() + ":" + p.port() : "", p.connects()));
            }
        }
        return out;
    }

    /**
     * How many peers are in each {@link PeerConnection.State} (by ordinal), configured peers without a connection
     * as {@code CLOSED}: for the peers gauge, read without the table's lock (a moment's inconsistency is fine).
     */
    int[] countStates() {
        int[] n = new int[PeerConnection.State.values().length];
        for (PeerConnection c : open.values()) {
            n[c.state().ordinal()]++;
        }
        for (PeerConfig p : config.peers()) {
            if (!open.containsKey(key(p.identity()))) {
                n[PeerConnection.State.CLOSED.ordinal()]++;
            }
        }
        return n;
    }
}
