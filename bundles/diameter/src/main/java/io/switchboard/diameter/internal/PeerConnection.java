package io.switchboard.diameter.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterDecodeException;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport connection to a peer and its state (RFC 6733 §5.6, simplified to one connection per peer): the
 * capabilities exchange first (anything else before it closes the connection), then requests and answers, the
 * watchdog (RFC 3539: a DWR after Tw of silence, no answer within Tw more means the peer failed and the connection
 * is closed, which fails its outstanding requests and lets the connector reconnect), and DPR/DPA. All state is
 * touched on the channel's event loop only; other threads hand work over with {@code execute}.
 */
final class PeerConnection extends SimpleChannelInboundHandler<byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    static final int CER = 257;
    static final int DWR = 280;
    static final int DPR = 282;

    enum State {
        WAIT_CER,
        WAIT_CEA,
        OPEN,
        CLOSING,
        CLOSED
    }

    private final DiameterNode node;
    private final boolean initiator;
    private final String expectedIdentity;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private volatile State state;
    private volatile String identity;
    private volatile String realm = "";
    private volatile Set<Long> applications = Set.of();
    private Channel channel;
    private long lastReceived;
    private long dwrSentAt;
    private long nextDwrAfter;
    private boolean quiet;
    private ScheduledFuture<?> watchdog;

    private record Pending(CompletableFuture<DiameterMessage> answer, ScheduledFuture<?> timeout) {}

    PeerConnection(DiameterNode node, boolean initiator, String expectedIdentity) {
        this.node = node;
        this.initiator = initiator;
        this.expectedIdentity = expectedIdentity;
        this.identity = expectedIdentity;
        this.state = initiator ? State.WAIT_CEA : State.WAIT_CER;
    }

    boolean initiator() {
        return initiator;
    }

    String identity() {
        return identity;
    }

    String realm() {
        return realm;
    }

    State state() {
        return state;
    }

    Set<Long> applications() {
        return applications;
    }

    String remoteAddress() {
        Channel c = channel;
        return c == null ? "" : String.valueOf(c.remoteAddress());
    }

    /** True after DPR DO_NOT_WANT_TO_TALK_TO_YOU: the connector waits its longest before trying again. */
    boolean quiet() {
        return quiet;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        lastReceived = System.currentTimeMillis();
        scheduleNextDwr();
        long tick = Math.max(50, Math.min(1000, node.config().watchdogMillis() / 4));
        watchdog = ctx.executor().scheduleAtFixedRate(this::watchdogTick, tick, tick, TimeUnit.MILLISECONDS);
        if (initiator) {
            DiameterMessage cer = DiameterMessage.request(CER, 0, false);
            node.capabilities().addTo(cer, localAddress());
            stamp(cer);
            ctx.writeAndFlush(cer);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            it.remove();
            p.timeout().cancel(false);
            p.answer().completeExceptionally(new DiameterException("connection to " + identity + " lost"));
        }
        if (was == State.OPEN) {
            LOG.info("Diameter peer {} disconnected", identity);
        }
        node.closed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Diameter connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
        lastReceived = System.currentTimeMillis();
        DiameterMessage m;
        try {
            m = DiameterCodec.decode(frame);
        } catch (DiameterDecodeException e) {
            unreadable(ctx, frame, e);
            return;
        }
        DiameterMeters.received(m);
        switch (state) {
            case WAIT_CER -> {
                if (m.isRequest() && m.commandCode() == CER && m.applicationId() == 0) {
                    node.capabilitiesRequest(this, m);
                } else {
                    refuse(ctx, "a message before CER");
                }
            }
            case WAIT_CEA -> {
                if (!m.isRequest() && m.commandCode() == CER) {
                    node.capabilitiesAnswer(this, m);
                } else {
                    refuse(ctx, "a message before CEA");
                }
            }
            case OPEN, CLOSING -> received(m);
            default -> LOG.debug("Diameter message on a closed connection dropped: {}", m);
        }
    }

    private void unreadable(ChannelHandlerContext ctx, byte[] frame, DiameterDecodeException e) {
        DiameterMessage header;
        try {
            header = DiameterCodec.decodeHeader(frame);
        } catch (DiameterDecodeException lost) {
            refuse(ctx, lost.getMessage());
            return;
        }
        if (header.isRequest() && (state == State.OPEN || state == State.WAIT_CER)) {
            LOG.info("Diameter peer {}: {} ({})", remoteAddress(), e.getMessage(), e.resultCode());
            send(node.answers()
                    .error(header, e.resultCode(), e.getMessage(), e.failedAvp().orElse(null)));
        } else {
            LOG.info("Diameter peer {}: unreadable answer dropped: {}", remoteAddress(), e.getMessage());
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        LOG.warn("Diameter connection {} closed: {}", ctx.channel().remoteAddress(), why);
        ctx.close();
    }

    private void received(DiameterMessage m) {
        if (!m.isRequest()) {
            Pending p = pending.remove(m.hopByHop());
            if (m.commandCode() == DWR && m.applicationId() == 0) {
                dwrSentAt = 0;
                scheduleNextDwr();
            } else if (m.commandCode() == DPR && m.applicationId() == 0) {
                channel.close();
            } else if (p != null) {
                p.timeout().cancel(false);
                p.answer().complete(m);
            } else {
                LOG.debug("Diameter answer from {} matches no request (hop-by-hop {})", identity, m.hopByHop());
            }
            return;
        }
        if (m.applicationId() == 0 && m.commandCode() == DWR) {
            send(withCapabilityIdentity(node.answers().answer(m, DiameterResultCodes.SUCCESS)));
        } else if (m.applicationId() == 0 && m.commandCode() == DPR) {
            quiet = m.find(AvpCodes.DISCONNECT_CAUSE)
                    .map(a -> a.dataLength() == 4 && a.asInteger32() == 2)
                    .orElse(false);
            state = State.CLOSING;
            LOG.info("Diameter peer {} disconnects (DPR)", identity);
            channel.writeAndFlush(node.answers().answer(m, DiameterResultCodes.SUCCESS));
            // the DPR's sender closes after our DPA; close ourselves if it does not
            channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
        } else if (m.applicationId() == 0 && m.commandCode() == CER) {
            send(node.answers().error(m, DiameterResultCodes.UNABLE_TO_COMPLY, "capabilities already exchanged", null));
        } else {
            node.request(this, m);
        }
    }

    private DiameterMessage withCapabilityIdentity(DiameterMessage dwa) {
        dwa.add(Avp.unsigned32(AvpCodes.ORIGIN_STATE_ID, 0, true, node.originStateId()));
        return dwa;
    }

    /** The identity the peer gave in its CER or CEA, set before the connection is registered under it. */
    void named(String peerIdentity, String peerRealm) {
        identity = peerIdentity;
        realm = peerRealm;
    }

    /** Called by the node when the capabilities exchange succeeded. */
    void open(String peerIdentity, String peerRealm, Set<Long> common) {
        identity = peerIdentity;
        realm = peerRealm;
        applications = Set.copyOf(common);
        state = State.OPEN;
        LOG.info("Diameter peer {} ({}) open, {}, applications {}", identity, realm, remoteAddress(), applications);
    }

    /** Writes an answer or a request whose identifiers are set (any thread). */
    void send(DiameterMessage m) {
        Channel c = channel;
        if (c != null) {
            c.writeAndFlush(m);
        }
    }

    /** Writes and closes after the write (a refused CER). */
    void sendAndClose(DiameterMessage m) {
        state = State.CLOSING;
        channel.writeAndFlush(m).addListener(ChannelFutureListener.CLOSE);
    }

    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    /** Sends DPR; the peer's DPA (or a 2 s limit) closes the connection. */
    void disconnect(int cause) {
        channel.eventLoop().execute(() -> {
            if (state != State.OPEN) {
                channel.close();
                return;
            }
            state = State.CLOSING;
            DiameterMessage dpr = DiameterMessage.request(DPR, 0, false);
            dpr.add(Answers.identity(AvpCodes.ORIGIN_HOST, node.config().originHost()));
            dpr.add(Answers.identity(AvpCodes.ORIGIN_REALM, node.config().originRealm()));
            dpr.add(Avp.integer32(AvpCodes.DISCONNECT_CAUSE, 0, true, cause));
            stamp(dpr);
            channel.writeAndFlush(dpr);
            channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
        });
    }

    /**
     * Sends a request and completes with its answer, matched by Hop-by-Hop on this connection, or with a
     * {@link DiameterException} at the time-out or when the connection is lost.
     */
    CompletableFuture<DiameterMessage> request(DiameterMessage m, long timeoutMs) {
        CompletableFuture<DiameterMessage> answer = new CompletableFuture<>();
        Channel c = channel;
        c.eventLoop().execute(() -> {
            if (state != State.OPEN) {
                answer.completeExceptionally(new DiameterException("peer " + identity + " is not open"));
                return;
            }
            stamp(m);
            int hbh = m.hopByHop();
            ScheduledFuture<?> timeout = c.eventLoop()
                    .schedule(
                            () -> {
                                if (pending.remove(hbh) != null) {
                                    answer.completeExceptionally(new DiameterException(
                                            "no answer from " + identity + " within " + timeoutMs + " ms"));
                                }
                            },
                            timeoutMs,
                            TimeUnit.MILLISECONDS);
            pending.put(hbh, new Pending(answer, timeout));
            c.writeAndFlush(m).addListener(f -> {
                if (!f.isSuccess() && pending.remove(hbh) != null) {
                    timeout.cancel(false);
                    answer.completeExceptionally(new DiameterException("cannot write to " + identity));
                }
            });
        });
        return answer;
    }

    private void stamp(DiameterMessage m) {
        m.setHopByHop(node.identifiers().nextHopByHop());
        if (m.endToEnd() == 0) {
            m.setEndToEnd(node.identifiers().nextEndToEnd());
        }
    }

    InetAddress localAddress() {
        return channel.localAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private void scheduleNextDwr() {
        long tw = node.config().watchdogMillis();
        long jitter = Math.min(2000, tw / 4);
        nextDwrAfter = tw + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
    }

    /** RFC 3539 §3.4, simplified: one DWR outstanding at most; its time-out is failover. */
    private void watchdogTick() {
        long now = System.currentTimeMillis();
        long tw = node.config().watchdogMillis();
        if (state == State.WAIT_CER || state == State.WAIT_CEA) {
            if (now - lastReceived > Math.max(tw, 5000)) {
                refuse(channel.pipeline().firstContext(), "no capabilities exchange in time");
            }
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        if (dwrSentAt != 0) {
            if (now - dwrSentAt >= tw) {
                LOG.warn("Diameter peer {} did not answer the watchdog within {} ms: failover", identity, tw);
                channel.close();
            }
        } else if (now - lastReceived >= nextDwrAfter) {
            DiameterMessage dwr = DiameterMessage.request(DWR, 0, false);
            dwr.add(Answers.identity(AvpCodes.ORIGIN_HOST, node.config().originHost()));
            dwr.add(Answers.identity(AvpCodes.ORIGIN_REALM, node.config().originRealm()));
            dwr.add(Avp.unsigned32(AvpCodes.ORIGIN_STATE_ID, 0, true, node.originStateId()));
            stamp(dwr);
            dwrSentAt = now;
            channel.writeAndFlush(dwr);
        }
    }

    String expectedIdentity() {
        return expectedIdentity;
    }
}
