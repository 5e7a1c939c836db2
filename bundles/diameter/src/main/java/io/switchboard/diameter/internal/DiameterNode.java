package io.switchboard.diameter.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.CommandDefinition;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterRequestHandler;
import io.switchboard.diameter.DiameterResultCodes;
import io.switchboard.diameter.DiameterStack;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Diameter node: a TCP server for peers that connect to us, connectors to the peers we connect to, the
 * capabilities exchange, the base protocol's checks of every request, and the hand-over of valid requests to the
 * handler of their application. One Netty event loop per core serves all connections; a slow handler never holds
 * one, because handlers answer through a {@link CompletableFuture}.
 */
public final class DiameterNode implements DiameterStack {

    private static final Logger LOG = LoggerFactory.getLogger(DiameterNode.class);
    private static final int REBOOTING = 0;

    private final DiameterConfig config;
    private final DiameterDictionary dictionary = DiameterDictionary.standard();
    private final Identifiers identifiers;
    private final long originStateId;
    private final Answers answers;
    private final MessageChecks checks;
    private final Capabilities capabilities;
    private final PeerTable peers;
    private final HandlerRegistry registry;
    private final Map<Long, DiameterRequestHandler> handlers;
    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    /**
     * @param registry the application handlers; shared with a node restarted for new settings, so that consumers
     *                 registered on the old one keep receiving
     */
    DiameterNode(DiameterConfig config, HandlerRegistry registry) {
        long now = System.currentTimeMillis();
        this.config = config;
        this.registry = registry;
        this.handlers = registry.map();
        this.identifiers = new Identifiers(now);
        this.originStateId = now / 1000 & 0xFFFFFFFFL;
        this.answers = new Answers(config.originHost(), config.originRealm());
        this.checks = new MessageChecks(dictionary);
        this.capabilities = new Capabilities(config, originStateId);
        this.peers = new PeerTable(config);
    }

    /** Binds the server (unless the port is 0) and starts connecting to the peers with an address. */
    void start() throws InterruptedException {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("switchboard-diameter-accept", true));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("switchboard-diameter", true));
        if (config.port() > 0) {
            server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer(false, null))
                    .bind(config.host(), config.port())
                    .sync()
                    .channel();
            LOG.info(
                    "Diameter node {} ({}) listening on {}",
                    config.originHost(),
                    config.originRealm(),
                    server.localAddress());
        }
        Bootstrap client = new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        for (PeerConfig p : config.peers()) {
            if (p.connects()) {
                Connector c = new Connector(p, client, workers, this);
                connectors.put(p.identity().toLowerCase(Locale.ROOT), c);
                c.start();
            }
        }
    }

    /** The port the server listens on (the bound one when the setting was 0), or -1. */
    int localPort() {
        return server == null ? -1 : ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Sends DPR (REBOOTING) to every open peer, waits up to 2 s for them to close, then stops. */
    void stop() {
        connectors.values().forEach(Connector::stop);
        if (server != null) {
            server.close().awaitUninterruptibly(2000);
        }
        List<PeerConnection> open = peers.connections();
        open.forEach(c -> c.disconnect(REBOOTING));
        long until = System.currentTimeMillis() + 2500;
        while (System.currentTimeMillis() < until
                && open.stream().anyMatch(c -> c.state() != PeerConnection.State.CLOSED)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }

    ChannelInitializer<SocketChannel> initializer(boolean initiator, String identity) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new FrameDecoder(config.maxMessageSize()))
                        .addLast(new FrameEncoder())
                        .addLast(new PeerConnection(DiameterNode.this, initiator, identity));
            }
        };
    }

    DiameterConfig config() {
        return config;
    }

    Identifiers identifiers() {
        return identifiers;
    }

    long originStateId() {
        return originStateId;
    }

    Answers answers() {
        return answers;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    PeerTable table() {
        return peers;
    }

    /** A CER on a new incoming connection: checks, allow-list, election, common applications, then CEA. */
    void capabilitiesRequest(PeerConnection c, DiameterMessage cer) {
        Optional<Problem> p = checks.check(cer, capabilities.applicationIds());
        String host = cer.originHost().orElse("");
        String realm = cer.originRealm().orElse("");
        if (p.isPresent()) {
            LOG.warn(
                    "Diameter CER from {} refused: {}",
                    c.remoteAddress(),
                    p.get().message());
            c.sendAndClose(cea(cer, c, p.get().resultCode(), p.get()));
            return;
        }
        Set<Long> common = capabilities.common(cer);
        long result;
        if (!peers.allowed(host, realm)) {
            result = DiameterResultCodes.UNKNOWN_PEER;
        } else if (common.isEmpty()) {
            result = DiameterResultCodes.NO_COMMON_APPLICATION;
        } else {
            result = peers.admit(c, host, realm);
        }
        if (result != DiameterResultCodes.SUCCESS) {
            LOG.warn("Diameter CER from {} ({}) at {} refused with {}", host, realm, c.remoteAddress(), result);
            c.sendAndClose(cea(cer, c, result, null));
            return;
        }
        c.open(host, realm, common); // open before the CEA leaves: the peer may use the connection at once
        c.send(cea(cer, c, result, null));
    }

    /** CEA: Result-Code, our identity and applications, and for a refused CER the Error-Message and Failed-AVP. */
    private DiameterMessage cea(DiameterMessage cer, PeerConnection c, long result, Problem problem) {
        DiameterMessage cea = answers.answer(cer, result);
        capabilities.addTo(cea, c.localAddress());
        if (problem != null) {
            cea.add(Avp.utf8(AvpCodes.ERROR_MESSAGE, 0, false, problem.message()));
            if (problem.failedAvp() != null) {
                cea.add(Avp.grouped(AvpCodes.FAILED_AVP, 0, true, List.of(problem.failedAvp())));
            }
        }
        return cea;
    }

    /** The CEA on a connection we opened. */
    void capabilitiesAnswer(PeerConnection c, DiameterMessage cea) {
        long result = cea.resultCode().orElse(0L);
        String host = cea.originHost().orElse(c.expectedIdentity());
        String realm = cea.originRealm().orElse("");
        if (result != DiameterResultCodes.SUCCESS) {
            LOG.warn("Diameter peer {} refused our CER with {}", host, result);
            c.close();
            return;
        }
        Set<Long> common = capabilities.common(cea);
        long admitted = common.isEmpty() ? DiameterResultCodes.NO_COMMON_APPLICATION : peers.admit(c, host, realm);
        if (admitted != DiameterResultCodes.SUCCESS) {
            LOG.warn("Diameter peer {}: our connection closed ({})", host, admitted);
            c.close();
            return;
        }
        c.open(host, realm, common);
        Connector connector = connectors.get(c.expectedIdentity().toLowerCase(Locale.ROOT));
        if (connector != null) {
            connector.opened();
        }
    }

    /** The connection closed: forget it, and let its connector try again. */
    void closed(PeerConnection c) {
        peers.remove(c);
        if (c.initiator()) {
            Connector connector = connectors.get(c.expectedIdentity().toLowerCase(Locale.ROOT));
            if (connector != null) {
                connector.retry(c.quiet());
            }
        }
    }

    /** An application request on an open connection. */
    void request(PeerConnection c, DiameterMessage m) {
        Optional<Problem> p = checks.check(m, capabilities.applicationIds());
        if (p.isEmpty()) {
            p = routing(m);
        }
        if (p.isPresent()) {
            LOG.info(
                    "Diameter request {} from {} answered {}: {}",
                    m.commandCode(),
                    c.identity(),
                    p.get().resultCode(),
                    p.get().message());
            c.send(answers.error(
                    m, p.get().resultCode(), p.get().message(), p.get().failedAvp()));
            return;
        }
        DiameterRequestHandler h = handlers.get(m.applicationId());
        if (h == null) {
            c.send(answers.error(m, DiameterResultCodes.UNABLE_TO_DELIVER, "no route serves the application", null));
            return;
        }
        CompletableFuture<DiameterMessage> answer;
        try {
            answer = h.handle(c.identity(), m).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((a, e) -> {
            if (e != null || a == null) {
                LOG.warn(
                        "Diameter request {} from {}: handler failed: {}",
                        m.commandCode(),
                        c.identity(),
                        String.valueOf(e));
                c.send(answers.error(m, DiameterResultCodes.UNABLE_TO_COMPLY, "the request could not be served", null));
                return;
            }
            a.setHopByHop(m.hopByHop());
            a.setEndToEnd(m.endToEnd());
            answers.complete(a);
            c.send(a);
        });
    }

    /** We are no relay: a request for another host or realm cannot be delivered (3002) or served (3003). */
    private Optional<Problem> routing(DiameterMessage m) {
        Optional<String> host = m.find(AvpCodes.DESTINATION_HOST).map(Avp::asUtf8);
        if (host.isPresent() && !host.get().equalsIgnoreCase(config.originHost())) {
            return Optional.of(new Problem(DiameterResultCodes.UNABLE_TO_DELIVER, "not " + host.get(), null));
        }
        Optional<String> realm = m.find(AvpCodes.DESTINATION_REALM).map(Avp::asUtf8);
        if (realm.isPresent() && !realm.get().equalsIgnoreCase(config.originRealm())) {
            return Optional.of(new Problem(DiameterResultCodes.REALM_NOT_SERVED, "realm " + realm.get(), null));
        }
        return Optional.empty();
    }

    @Override
    public String originHost() {
        return config.originHost();
    }

    @Override
    public String originRealm() {
        return config.originRealm();
    }

    @Override
    public DiameterDictionary dictionary() {
        return dictionary;
    }

    @Override
    public DiameterMessage newRequest(String command, String destinationRealm) {
        CommandDefinition c = dictionary
                .command(command)
                .orElseThrow(() -> new IllegalArgumentException("unknown Diameter command " + command));
        DiameterMessage m = DiameterMessage.request(c.code(), c.applicationId(), c.proxiable());
        Optional<ApplicationDefinition> app = dictionary.application(c.applicationId());
        if (c.applicationId() != 0) {
            m.add(Avp.utf8(AvpCodes.SESSION_ID, 0, true, identifiers.nextSessionId(config.originHost())));
        }
        if (app.isPresent() && app.get().vendorId() != 0) {
            m.add(Capabilities.vendorSpecific(app.get()));
            m.add(Avp.integer32(AvpCodes.AUTH_SESSION_STATE, 0, true, 1));
        }
        m.add(Answers.identity(AvpCodes.ORIGIN_HOST, config.originHost()));
        m.add(Answers.identity(AvpCodes.ORIGIN_REALM, config.originRealm()));
        if (destinationRealm != null && !destinationRealm.isBlank()) {
            m.add(Answers.identity(AvpCodes.DESTINATION_REALM, destinationRealm));
        }
        return m;
    }

    @Override
    public CompletableFuture<DiameterMessage> send(String peer, DiameterMessage request, long timeoutMs) {
        String target = peer;
        if (target == null || target.isBlank()) {
            target = request.find(AvpCodes.DESTINATION_HOST).map(Avp::asUtf8).orElse(null);
        }
        Optional<PeerConnection> c = target != null ? peers.find(target) : peers.anyFor(request.applicationId());
        if (c.isEmpty()) {
            return CompletableFuture.failedFuture(new DiameterException("no open Diameter peer "
                    + (target != null ? target : "of application " + request.applicationId())));
        }
        return c.get().request(request, timeoutMs);
    }

    @Override
    public List<DiameterPeerInfo> peers() {
        return peers.infos();
    }

    /** Peers per connection state (by ordinal), without a lock: see {@link PeerTable#countStates}. */
    int[] peerStates() {
        return peers.countStates();
    }

    @Override
    public AutoCloseable register(long applicationId, DiameterRequestHandler handler) {
        return registry.register(applicationId, handler);
    }

    @Override
    public long requestTimeoutMillis() {
        return config.requestTimeoutMillis();
    }
}
