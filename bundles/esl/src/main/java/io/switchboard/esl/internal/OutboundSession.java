package io.switchboard.esl.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.switchboard.esl.EslException;
import io.switchboard.esl.EslHangupException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call on the outbound socket: FreeSWITCH's {@code socket} application connected for it. We send
 * {@code connect} first (the only command an outbound socket answers before it), read the channel data from its
 * reply, then {@code myevents} (this call's events) and {@code linger} (so the final events still arrive after
 * hang-up), and hand the call to the route. Each step the route sends is a {@code sendmsg} execute with our
 * {@code event-uuid}, complete when the CHANNEL_EXECUTE_COMPLETE with that Application-UUID arrives (on an async
 * socket the {@code +OK} only means queued; on a static one it comes after the application, maybe after the event).
 * After CHANNEL_HANGUP_COMPLETE and the disconnect notice we close the socket; what still waits fails with an
 * {@link EslHangupException}.
 */
final class OutboundSession extends SimpleChannelInboundHandler<EslMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundSession.class);
    /** An argument longer than this, or with a line break, goes in a body (esl.md §4). */
    private static final int MAX_HEADER_ARG = 1024;
    /** How long we linger ourselves after the notice when CHANNEL_HANGUP_COMPLETE does not come. */
    private static final long LINGER_GUARD_SECONDS = 30;

    private final EslOutboundConsumer consumer;
    private final ReplyQueue replies = new ReplyQueue();
    private final Map<String, CompletableFuture<EslEvent>> steps = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile String uuid;
    private volatile boolean hungUp;
    private volatile boolean hangupSent;
    private volatile String hangupCause;
    private boolean hangupComplete;
    private boolean noticed;
    private CompletableFuture<Void> eventOrder = CompletableFuture.completedFuture(null);

    OutboundSession(EslOutboundConsumer consumer) {
        this.consumer = consumer;
    }

    String uuid() {
        return uuid;
    }

    boolean isHungUp() {
        return hungUp;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        command(EslCommand.of("connect")).whenComplete((m, err) -> {
            if (m != null) {
                connected(m);
            }
        });
    }

    private void connected(EslMessage m) {
        uuid = m.header("Unique-ID");
        if (m.isError() || uuid == null) {
            LOG.warn(
                    "outbound socket from {}: connect answered without a call ({}); closing",
                    channel.remoteAddress(),
                    m.replyText());
            channel.close();
            return;
        }
        consumer.calls().add(uuid, this);
        command(EslCommand.of("myevents")).whenComplete((r, err) -> {
            if (r != null && r.isError()) {
                LOG.warn("call {}: myevents refused: {}", uuid, r.replyText());
            }
        });
        CompletableFuture<EslMessage> last =
                consumer.linger() ? command(EslCommand.of("linger")) : CompletableFuture.completedFuture(null);
        last.whenComplete((r, err) -> {
            if (r != null && r.isError()) {
                LOG.warn(
                        "call {}: linger refused ({}): the dialplan's socket application needs the full option, "
                                + "e.g. <action application=\"socket\" data=\"127.0.0.1:8084 async full\"/>; the final "
                                + "events of the call may be lost",
                        uuid,
                        r.replyText());
            }
            if (err == null) {
                consumer.startCall(this, m.headers());
            }
        });
    }

    /** Sends a command on this socket; fails with a hang-up exception once the socket is gone. */
    CompletableFuture<EslMessage> command(EslCommand c) {
        CompletableFuture<EslMessage> reply = new CompletableFuture<>();
        replies.write(channel, c, reply, gone());
        return reply;
    }

    /** Runs an application on the call: completes with its CHANNEL_EXECUTE_COMPLETE. */
    CompletableFuture<EslEvent> execute(String app, String arg, boolean eventLock) {
        if (hungUp) {
            return CompletableFuture.failedFuture(gone());
        }
        String appUuid = UUID.randomUUID().toString();
        EslCommand c =
                EslCommand.of("sendmsg").header("call-command", "execute").header("execute-app-name", app);
        if (arg != null && !arg.isEmpty()) {
            if (arg.length() > MAX_HEADER_ARG || arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0) {
                c.header("content-type", "text/plain").body(arg);
            } else {
                c.header("execute-app-arg", arg);
            }
        }
        if (eventLock) {
            c.header("event-lock", "true");
        }
        c.header("event-uuid", appUuid);
        CompletableFuture<EslEvent> done = new CompletableFuture<>();
        steps.put(appUuid, done);
        command(c).whenComplete((m, err) -> {
            if (err != null || m.isError()) {
                steps.remove(appUuid);
                // FreeSWITCH answers -ERR invalid session id to a step sent while the call hung up; its
                // CHANNEL_HANGUP came before that reply on the socket, so the caller's hang-up is the cause
                done.completeExceptionally(
                        err != null
                                ? err
                                : hungUp
                                        ? gone()
                                        : new EslException(
                                                "FreeSWITCH refused execute " + app + " on call " + uuid + ": "
                                                        + m.replyText(),
                                                m.replyText()));
            }
        });
        return done;
    }

    /** Hangs the call up; nothing to do when it is already down or a hang-up was sent. */
    CompletableFuture<EslMessage> hangup(String cause) {
        if (hungUp || hangupSent) {
            return CompletableFuture.completedFuture(null);
        }
        hangupSent = true;
        EslCommand c = EslCommand.of("sendmsg").header("call-command", "hangup").header("hangup-cause", cause);
        return command(c).thenApply(m -> {
            if (m.isError() && !hungUp) { // -ERR after the caller's own hang-up: the call is down, as asked
                throw new EslException(
                        "FreeSWITCH refused to hang up call " + uuid + ": " + m.replyText(), m.replyText());
            }
            return m;
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, EslMessage m) {
        String type = m.contentType();
        if (type.equals(EslMessage.COMMAND_REPLY) || type.equals(EslMessage.API_RESPONSE)) {
            replies.complete(m);
        } else if (type.equals(EslMessage.DISCONNECT_NOTICE)) {
            noticed = true;
            if (hangupComplete || !"linger".equalsIgnoreCase(m.header("Content-Disposition"))) {
                ctx.close();
            } else {
                ctx.executor()
                        .schedule(
                                () -> {
                                    ctx.close();
                                },
                                LINGER_GUARD_SECONDS,
                                TimeUnit.SECONDS);
            }
        } else if (EventParser.isEvent(m)) {
            event(ctx, EventParser.parse(m));
        } else {
            LOG.debug("call {}: ignored {}", uuid, m);
        }
    }

    private void event(ChannelHandlerContext ctx, EslEvent e) {
        EslMeters.sink().event(e.name(), true);
        switch (e.name()) {
            case "CHANNEL_EXECUTE_COMPLETE" -> {
                String id = e.header("Application-UUID");
                CompletableFuture<EslEvent> step = id == null ? null : steps.remove(id);
                if (step != null) {
                    step.complete(e);
                }
            }
            case "CHANNEL_HANGUP" -> {
                hungUp = true;
                hangupCause = e.header("Hangup-Cause");
            }
            case "CHANNEL_HANGUP_COMPLETE" -> {
                hungUp = true;
                hangupComplete = true;
                hangupCause = e.header("Hangup-Cause");
                failSteps();
            }
            default -> {
                // other events only go to the route
            }
        }
        if (consumer.wants(e)) {
            Map<String, String> headers = e.headers();
            String body = e.body();
            eventOrder = eventOrder.thenRunAsync(() -> consumer.deliver(this, headers, body), consumer.workers());
        }
        if (hangupComplete && noticed) {
            ctx.close();
        }
    }

    private void failSteps() {
        EslHangupException x = gone();
        for (CompletableFuture<EslEvent> s : steps.values()) {
            s.completeExceptionally(x);
        }
        steps.clear();
    }

    private EslHangupException gone() {
        return new EslHangupException(
                "call " + uuid + " has hung up" + (hangupCause == null ? "" : " (" + hangupCause + ")"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        hungUp = true;
        replies.failAll(gone());
        failSteps();
        if (uuid != null) {
            consumer.calls().remove(uuid, this);
        }
        consumer.ended(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.warn("call {}: malformed data from FreeSWITCH, closing its socket: {}", uuid, cause.getMessage());
        } else {
            LOG.debug("call {}: {}", uuid, cause.toString());
        }
        ctx.close();
    }
}
