package io.switchboard.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Every request must carry {@code Authorization: Bearer <token>}, else 401 before any route sees it. */
final class BearerTokenCheck extends ChannelInboundHandlerAdapter {

    private final byte[] expected;

    BearerTokenCheck(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison: the token must not leak through response timing. */
    boolean accepts(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && !accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            ReferenceCountUtil.release(msg);
            boolean given = request.headers().contains(HttpHeaderNames.AUTHORIZATION);
            JsonErrorResponses.send(
                    ctx, 401, given ? "invalid bearer token" : "missing bearer token", "Bearer realm=\"switchboard\"");
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
