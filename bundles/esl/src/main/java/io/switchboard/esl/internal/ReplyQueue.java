package io.switchboard.esl.internal;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Commands of one socket waiting for their reply. FreeSWITCH answers the commands of a socket in the order they were
 * sent ({@code command/reply} or {@code api/response}, with events in between), so each reply belongs to the oldest
 * waiting command. Used on the channel's event loop only: the command is queued and written in one step there, so
 * queue order is wire order.
 */
final class ReplyQueue {

    private record Waiting(EslCommand command, CompletableFuture<EslMessage> reply) {}

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /** Queues and writes, on the event loop; a closed channel fails the reply with {@code lost}. */
    void write(Channel ch, EslCommand command, CompletableFuture<EslMessage> reply, RuntimeException lost) {
        if (!ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> write(ch, command, reply, lost));
            return;
        }
        if (!ch.isActive()) {
            reply.completeExceptionally(lost);
            return;
        }
        waiting.add(new Waiting(command, reply));
        ch.writeAndFlush(command.bytes());
    }

    /** Hands a reply to the oldest command; false when none was waiting (a reply nobody asked for). */
    boolean complete(EslMessage reply) {
        Waiting w = waiting.poll();
        if (w == null) {
            return false;
        }
        w.reply.complete(reply);
        return true;
    }

    void failAll(RuntimeException cause) {
        for (Waiting w; (w = waiting.poll()) != null; ) {
            w.reply.completeExceptionally(cause);
        }
    }
}
