package io.switchboard.esl.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.switchboard.esl.EslException;
import io.switchboard.esl.EslServerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound Event Socket connection to one FreeSWITCH server: connect, answer {@code auth/request} with the
 * password, subscribe the events and filters every user of the connection asked for (again after each reconnection),
 * run api and bgapi commands, and hand events to the listeners. A lost connection, a refused password or a peer
 * that sends garbage all end the same way: the socket is closed, what waited on it fails with an
 * {@link EslException} saying why, and the client reconnects after a back-off delay.
 * <p>
 * bgapi results are matched by Job-UUID: we choose it (header {@code Job-UUID} of the command) and keep a future per
 * job, completed by its BACKGROUND_JOB event on the event loop; no thread waits for a job.
 */
public final class InboundClient {

    private static final Logger LOG = LoggerFactory.getLogger(InboundClient.class);

    enum State {
        IDLE,
        CONNECTING,
        AUTHENTICATING,
        CONNECTED,
        WAITING,
        STOPPED
    }

    /** A bgapi command: accepted (its Job-UUID) at once, its BACKGROUND_JOB event later. */
    public record BackgroundJob(CompletableFuture<String> accepted, CompletableFuture<EslEvent> result) {}

    private final EventLoopGroup group;
    private final Timing timing;
    private final Backoff backoff;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Map<String, CompletableFuture<EslEvent>> jobs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<EslEvent>> listeners = new CopyOnWriteArrayList<>();

    private volatile ServerDefinition server;
    private volatile State state = State.IDLE;
    private volatile String lastError;
    private volatile Channel channel;
    private volatile CompletableFuture<Channel> ready = new CompletableFuture<>();
    /** The last error already logged at ERROR level: the same one again, each back-off, is logged at DEBUG. */
    private String loggedError;

    public InboundClient(ServerDefinition server, EventLoopGroup group, Timing timing) {
        this.server = server;
        this.group = group;
        this.timing = timing;
        this.backoff = new Backoff(timing.reconnectMin(), timing.reconnectMax());
        subscriptions.add(server.events(), server.filters());
    }

    public ServerDefinition server() {
        return server;
    }

    /** Connects unless already connected or trying. */
    public synchronized void start() {
        if (state == State.IDLE || state == State.STOPPED) {
            state = State.CONNECTING;
            connect();
        }
    }

    /** Closes for good (until the next start); what waits fails. */
    public synchronized void stop() {
        state = State.STOPPED;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        failJobs(new EslException("the connection to FreeSWITCH " + server.where() + " was stopped", (String) null));
    }

    /** A new definition (its file changed): reconnects with it. */
    public void reconfigure(ServerDefinition next) {
        server = next;
        subscriptions.add(next.events(), next.filters());
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** The connection's state in lower case, as {@link #status()} says it (read without a lock). */
    public String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    public EslServerStatus status() {
        ServerDefinition s = server;
        return new EslServerStatus(s.name(), s.host(), s.port(), state.name().toLowerCase(), lastError);
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** Adds events and filters for a consumer: sent at once when connected, and after every reconnection. */
    public void subscribe(Set<String> events, List<String[]> filters) {
        Set<String> added = subscriptions.add(events, filters);
        Channel ch = channel;
        if (state == State.CONNECTED && ch != null) {
            if (!added.isEmpty()) {
                checked(send(subscriptions.eventCommand(server.format(), added)));
            }
            for (String[] f : filters) {
                checked(send(EslCommand.of("filter " + f[0] + " " + f[1])));
            }
            if (!filters.isEmpty()) {
                checked(send(EslCommand.of("filter Event-Name BACKGROUND_JOB")));
            }
        }
    }

    public void addListener(Consumer<EslEvent> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<EslEvent> l) {
        listeners.remove(l);
    }

    /**
     * Sends a command once the connection is up (waiting for it at most the connect time-out): the future has its
     * reply, whatever it says.
     */
    public CompletableFuture<EslMessage> send(EslCommand command) {
        CompletableFuture<EslMessage> reply = new CompletableFuture<>();
        ready.copy()
                .orTimeout(timing.connectTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ch, err) -> {
                    if (err != null) {
                        reply.completeExceptionally(notConnected());
                    } else {
                        handlerOf(ch).replies.write(ch, command, reply, lost());
                    }
                });
        return reply;
    }

    /** Runs {@code api <command>}: its output, or an {@link EslException} with FreeSWITCH's {@code -ERR} text. */
    public CompletableFuture<String> api(String command, Duration timeout) {
        EslCommand c = EslCommand.of("api " + command);
        return send(c).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((m, err) -> {
            if (err != null) {
                EslMeters.sink().command("api", EslMeters.FAILED);
                throw failure("api " + command, err, timeout);
            }
            if (m.isError()) {
                EslMeters.sink().command("api", EslMeters.ERROR);
                throw refused("api " + command, m.replyText());
            }
            EslMeters.sink().command("api", EslMeters.OK);
            return m.body() == null ? "" : m.body();
        });
    }

    /** Runs {@code bgapi <command>} under a Job-UUID of ours. */
    public BackgroundJob bgapi(String command, Duration jobTimeout) {
        String jobUuid = UUID.randomUUID().toString();
        CompletableFuture<EslEvent> result = new CompletableFuture<>();
        jobs.put(jobUuid, result);
        CompletableFuture<String> accepted = send(EslCommand.of("bgapi " + command)
                        .header("Job-UUID", jobUuid))
                .orTimeout(timing.apiTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .handle((m, err) -> {
                    if (err != null) {
                        EslMeters.sink().command("bgapi", EslMeters.FAILED);
                        throw failure("bgapi " + command, err, timing.apiTimeout());
                    }
                    if (m.isError()) {
                        EslMeters.sink().command("bgapi", EslMeters.ERROR);
                        throw refused("bgapi " + command, m.replyText());
                    }
                    EslMeters.sink().command("bgapi", EslMeters.OK);
                    String theirs = m.header("Job-UUID");
                    if (theirs != null && !theirs.equals(jobUuid)) {
                        // a FreeSWITCH that ignores our Job-UUID: its own one names the event
                        jobs.remove(jobUuid);
                        jobs.put(theirs, result);
                        return theirs;
                    }
                    return jobUuid;
                });
        accepted.whenComplete((id, err) -> {
            if (err != null) {
                jobs.remove(jobUuid);
                result.completeExceptionally(err instanceof CompletionException c ? c.getCause() : err);
            }
        });
        result.orTimeout(jobTimeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((e, err) -> {
            jobs.values().remove(result);
        });
        return new BackgroundJob(accepted, result.handle((e, err) -> {
            if (err instanceof TimeoutException) {
                throw new EslException(
                        "bgapi " + command + ": no BACKGROUND_JOB from FreeSWITCH " + server.where() + " within "
                                + jobTimeout.toSeconds() + " s",
                        (String) null);
            }
            if (err != null) {
                throw err instanceof RuntimeException r ? r : new EslException(err.getMessage(), err);
            }
            return e;
        }));
    }

    /** Jobs waiting for their BACKGROUND_JOB (for tests and status). */
    int pendingJobs() {
        return jobs.size();
    }

    private EslException failure(String what, Throwable err, Duration timeout) {
        Throwable c = err instanceof CompletionException ? err.getCause() : err;
        if (c instanceof EslException e) {
            return e;
        }
        if (c instanceof TimeoutException) {
            return new EslException(
                    what + ": no reply from FreeSWITCH " + server.where() + " within " + timeout.toSeconds() + " s",
                    (String) null);
        }
        return new EslException(what + ": " + c, c);
    }

    private EslException refused(String what, String reply) {
        return new EslException("FreeSWITCH " + server.where() + " refused " + what + ": " + reply, reply);
    }

    private EslException notConnected() {
        String why = lastError;
        return new EslException(
                "not connected to FreeSWITCH " + server.where() + (why == null ? "" : ": " + why), (String) null);
    }

    private EslException lost() {
        return new EslException("the connection to FreeSWITCH " + server.where() + " was lost", (String) null);
    }

    private void checked(CompletableFuture<EslMessage> reply) {
        reply.whenComplete((m, err) -> {
            if (m != null && m.isError()) {
                LOG.warn("FreeSWITCH {} refused a subscription: {}", server.where(), m.replyText());
            }
        });
    }

    private void connect() {
        ServerDefinition s = server;
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        timing.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new EslFrameDecoder(), new Handler());
                    }
                });
        ChannelFuture f = b.connect(s.host(), s.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                error("cannot connect: " + done.cause().getMessage());
                reconnectLater();
            } else {
                // FreeSWITCH greets at once; a peer that does not is not an Event Socket
                Channel ch = f.channel();
                ch.eventLoop()
                        .schedule(
                                () -> {
                                    if (ch.isActive() && state != State.CONNECTED && channel == ch) {
                                        error("no auth/request nor auth reply within "
                                                + timing.connectTimeout().toSeconds() + " s");
                                        ch.close();
                                    }
                                },
                                timing.connectTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
            }
        });
    }

    private synchronized void reconnectLater() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.WAITING;
        Duration d = backoff.next();
        LOG.debug("reconnecting to FreeSWITCH {} in {} ms", server.where(), d.toMillis());
        group.next().schedule(this::reconnect, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void reconnect() {
        if (state == State.WAITING) {
            state = State.CONNECTING;
            connect();
        }
    }

    private void error(String what) {
        lastError = what;
        if (what.equals(loggedError)) {
            LOG.debug("FreeSWITCH {}: {} (again)", server.where(), what);
        } else {
            loggedError = what;
            LOG.error("FreeSWITCH {}: {}; retrying with back-off", server.where(), what);
        }
    }

    private void failJobs(EslException cause) {
        for (CompletableFuture<EslEvent> j : jobs.values()) {
            j.completeExceptionally(cause);
        }
        jobs.clear();
    }

    private static Handler handlerOf(Channel ch) {
        return ch.pipeline().get(Handler.class);
    }

    private void onEvent(EslEvent e) {
        EslMeters.sink().event(e.name(), false);
        if (e.name().equals("BACKGROUND_JOB")) {
            String id = e.header("Job-UUID");
            CompletableFuture<EslEvent> job = id == null ? null : jobs.remove(id);
            if (job != null) {
                job.complete(e);
            }
        }
        for (Consumer<EslEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException x) {
                LOG.warn("an Event Socket listener of {} failed on {}", server.where(), e, x);
            }
        }
    }

    /** The protocol on one socket. */
    private final class Handler extends SimpleChannelInboundHandler<EslMessage> {

        final ReplyQueue replies = new ReplyQueue();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, EslMessage m) {
            String type = m.contentType();
            switch (type) {
                case EslMessage.AUTH_REQUEST -> authenticate(ctx.channel());
                case EslMessage.COMMAND_REPLY, EslMessage.API_RESPONSE -> {
                    if (!replies.complete(m)) {
                        LOG.debug("FreeSWITCH {}: a reply nobody waited for: {}", server.where(), m);
                    }
                }
                case EslMessage.DISCONNECT_NOTICE -> {
                    LOG.info("FreeSWITCH {} disconnects: {}", server.where(), firstLine(m.body()));
                    ctx.close();
                }
                case EslMessage.RUDE_REJECTION -> {
                    error("rejected by FreeSWITCH's access list (apply-inbound-acl): " + firstLine(m.body()));
                    ctx.close();
                }
                case EslMessage.LOG_DATA -> LOG.debug("FreeSWITCH {} log: {}", server.where(), m.body());
                default -> {
                    if (EventParser.isEvent(m)) {
                        onEvent(EventParser.parse(m));
                    } else {
                        LOG.debug("FreeSWITCH {}: ignored {}", server.where(), m);
                    }
                }
            }
        }

        private void authenticate(Channel ch) {
            state = State.AUTHENTICATING;
            CompletableFuture<EslMessage> reply = new CompletableFuture<>();
            replies.write(ch, EslCommand.of("auth " + server.password()), reply, lost());
            reply.thenAccept(m -> {
                if (m.isError()) {
                    error("FreeSWITCH refused our password (" + m.replyText() + "): check password in "
                            + "etc/io.switchboard.esl.server-" + server.name() + ".cfg or the endpoint URI");
                    ch.close();
                    return;
                }
                state = State.CONNECTED;
                lastError = null;
                loggedError = null;
                backoff.reset();
                LOG.info("connected to FreeSWITCH {}", server.where());
                for (EslCommand c : subscriptions.commands(server.format())) {
                    CompletableFuture<EslMessage> r = new CompletableFuture<>();
                    replies.write(ch, c, r, lost());
                    checked(r);
                }
                ready.complete(ch);
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            EslException lost = lost();
            replies.failAll(lost);
            failJobs(lost);
            ready = new CompletableFuture<>();
            if (state == State.STOPPED) {
                return;
            }
            if (state == State.CONNECTED) {
                LOG.warn("lost the connection to FreeSWITCH {}; reconnecting", server.where());
                lastError = "connection lost";
            } else if (lastError == null) {
                error("the connection closed before authentication");
            }
            reconnectLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof DecoderException) {
                error("malformed data, closing the connection: " + cause.getMessage());
            } else {
                LOG.debug("FreeSWITCH {}: {}", server.where(), cause.toString());
            }
            ctx.close();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
