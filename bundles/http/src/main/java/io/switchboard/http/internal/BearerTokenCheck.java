package io.switchboard.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Every request must carry {@code Authorization: Bearer <token>}, else 401 before any route sees it. */
final class BearerTokenCheck extends ChannelInboundHandlerAdapter {

    private final byte[] expected;

    BearerTokenCheck(String token) {
        this.expected = sha256("Bearer " + token);
    }

    /**
     * Constant-time comparison ({@link MessageDigest#isEqual}) of SHA-256 digests: the token must not leak through
     * response timing, neither its characters nor its length (digests are always 32 bytes).
     */
    boolean accepts(String authorization) {
        return authorization != null && MessageDigest.isEqual(expected, sha256(authorization.trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
