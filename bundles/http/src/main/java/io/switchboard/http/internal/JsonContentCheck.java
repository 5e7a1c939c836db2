package io.switchboard.http.internal;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import java.util.Set;

/**
 * A write (POST, PUT, PATCH, DELETE) that declares a body type, or carries a body, must declare
 * {@code application/json}, else 415 before any route. Why: {@code text/plain}, form and multipart bodies are what
 * a web page may send to any address without the browser asking the server first (a CORS "simple request"), so a
 * page the operator visits could otherwise create a subscriber with a password it knows; {@code application/json}
 * makes the browser ask (preflight), and this server answers no preflight. A write without body and without type
 * ({@code curl -XPOST .../reload}) is allowed: a browser's cross-site one carries an {@code Origin}
 * ({@link HostCheck}).
 */
final class JsonContentCheck extends ChannelInboundHandlerAdapter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request
                && !WRITES.contains(request.method().name())) {
            // Camel's REST binding writes the answer in the type the request declared: a GET declaring text/plain
            // would get a Java map printout. A read has no body to declare: its type is dropped.
            if (!isJson(request.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
                request.headers().remove(HttpHeaderNames.CONTENT_TYPE);
            }
        } else if (msg instanceof HttpRequest request) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            boolean body = HttpUtil.getContentLength(request, 0L) > 0
                    || HttpUtil.isTransferEncodingChunked(request)
                    || msg instanceof ByteBufHolder b && b.content().isReadable();
            if ((type != null || body) && !isJson(type)) {
                ReferenceCountUtil.release(msg);
                JsonErrorResponses.send(
                        ctx,
                        415,
                        "request body must be application/json"
                                + (type == null ? " (no Content-Type)" : ", not " + type),
                        null);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** {@code application/json}, with or without parameters ({@code ; charset=utf-8}), any case. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media =
                (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return "application/json".equals(media);
    }
}
