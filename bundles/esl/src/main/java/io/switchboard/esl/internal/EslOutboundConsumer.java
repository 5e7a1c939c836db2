package io.switchboard.esl.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.esl.EslConstants;
import io.switchboard.esl.EslHangupException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code esl:outbound}: the server FreeSWITCH's {@code socket} application connects to, one TCP connection per call
 * ({@link OutboundSession}). Each call enters the route as one exchange whose headers are the channel data
 * ({@code Event-Name: CHANNEL_DATA}, {@code Unique-ID}, {@code Caller-Caller-ID-Number}, {@code variable_*} ...);
 * the route drives it with {@code esl:execute} and {@code esl:hangup}. The call's events named by {@code events}
 * (DTMF and CHANNEL_HANGUP_COMPLETE by default) enter the same route as exchanges of their own, in order. Binds to
 * loopback unless told otherwise: an open port would let anyone on the network pose as FreeSWITCH.
 */
final class EslOutboundConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EslOutboundConsumer.class);
    static final int DEFAULT_PORT = 8084;

    private final EslEndpoint endpoint;
    private final Set<String> names;
    private ChannelGroup sockets;
    private Channel server;

    EslOutboundConsumer(EslEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        Set<String> n = ServerDefinition.eventNames(endpoint.configuration().getEvents());
        this.names = n.isEmpty() ? Set.of("DTMF", "CHANNEL_HANGUP_COMPLETE") : n;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EslConfiguration c = endpoint.configuration();
        String host = c.getHost() != null
                ? c.getHost()
                : endpoint.getComponent().settings().outbound_host();
        int port = c.getPort() != null ? c.getPort() : DEFAULT_PORT;
        sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        server = new ServerBootstrap()
                .group(endpoint.getComponent().group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        sockets.add(ch);
                        ch.pipeline().addLast(new EslFrameDecoder(), new OutboundSession(EslOutboundConsumer.this));
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
        LOG.info("esl:outbound listening on {} for FreeSWITCH's socket application", server.localAddress());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close().sync();
            server = null;
        }
        if (sockets != null) {
            sockets.close().awaitUninterruptibly();
        }
        super.doStop();
    }

    /** The port listened on (the URI may say 0 in tests). */
    int localPort() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    OutboundCalls calls() {
        return endpoint.getComponent().calls();
    }

    ExecutorService workers() {
        return endpoint.getComponent().workers();
    }

    boolean linger() {
        return endpoint.configuration().isLinger();
    }

    boolean wants(EslEvent e) {
        return names.contains("ALL") || names.contains(e.name());
    }

    /** The call is connected: its exchange goes through the route, on a worker thread. */
    void startCall(OutboundSession s, Map<String, String> channelData) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        channelData.forEach(m::setHeader);
        m.setHeader(EslConstants.CALL_UUID, s.uuid());
        workers()
                .execute(() -> getAsyncProcessor().process(exchange, sync -> {
                    Exception x = exchange.getException();
                    if (x != null && !(x instanceof EslHangupException)) {
                        getExceptionHandler().handleException("esl:outbound call " + s.uuid(), exchange, x);
                    }
                    if (endpoint.configuration().isHangupAfterRoute() && !s.isHungUp()) {
                        s.hangup("NORMAL_CLEARING");
                    }
                    releaseExchange(exchange, false);
                }));
    }

    /** An event of the call, as an exchange of its own (called in event order on a worker). */
    void deliver(OutboundSession s, Map<String, String> headers, String body) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        headers.forEach(m::setHeader);
        m.setHeader(EslConstants.CALL_UUID, s.uuid());
        m.setBody(body);
        try {
            getProcessor().process(exchange);
        } catch (Exception x) {
            exchange.setException(x);
        }
        Exception x = exchange.getException();
        if (x != null && !(x instanceof EslHangupException)) {
            getExceptionHandler().handleException("esl:outbound event of call " + s.uuid(), exchange, x);
        }
        releaseExchange(exchange, false);
    }

    void ended(OutboundSession s) {
        if (s.uuid() != null) {
            LOG.debug("call {}: outbound socket closed", s.uuid());
        }
    }
}
