package io.switchboard.diameter.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection to one configured peer: connects, and after a failure or a lost connection tries again after
 * 1 s, doubling up to {@code reconnect.max} (RFC 6733 §2.1: do not hammer a peer that is down); after DPR with
 * DO_NOT_WANT_TO_TALK_TO_YOU it waits the longest delay. While the peer is connected to us the other way, it
 * only checks again later.
 */
final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final long FIRST_DELAY = 1000;

    private final PeerConfig peer;
    private final Bootstrap bootstrap;
    private final EventLoopGroup group;
    private final DiameterNode node;
    private long delay = FIRST_DELAY;
    private volatile boolean stopped;

    Connector(PeerConfig peer, Bootstrap bootstrap, EventLoopGroup group, DiameterNode node) {
        this.peer = peer;
        this.bootstrap = bootstrap;
        this.group = group;
        this.node = node;
    }

    PeerConfig peer() {
        return peer;
    }

    void start() {
        group.execute(this::connect);
    }

    void stop() {
        stopped = true;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        if (node.table().isOpen(peer.identity())) {
            later(node.config().reconnectMaxMillis());
            return;
        }
        bootstrap
                .clone()
                .handler(node.initializer(true, peer.identity()))
                .connect(peer.host(), peer.port())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.debug(
                                "Diameter peer {} at {}:{}: {}",
                                peer.identity(),
                                peer.host(),
                                peer.port(),
                                String.valueOf(f.cause()));
                        retry(false);
                    }
                });
    }

    /** The connection opened (CEA 2001): the next failure starts the back-off again. */
    void opened() {
        delay = FIRST_DELAY;
    }

    /** Our connection closed (or failed before it opened). */
    void retry(boolean quiet) {
        if (stopped) {
            return;
        }
        long max = node.config().reconnectMaxMillis();
        later(quiet ? max : delay);
        delay = Math.min(max, delay * 2);
    }

    private void later(long millis) {
        if (!stopped && !group.isShuttingDown()) {
            group.schedule(this::connect, millis, TimeUnit.MILLISECONDS);
        }
    }
}
