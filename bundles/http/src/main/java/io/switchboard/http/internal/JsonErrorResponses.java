package io.switchboard.http.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.http.JsonError;
import java.nio.charset.StandardCharsets;

/**
 * The server's own error answers (404 no such path, 405 wrong method, ...) leave netty-http as empty text
 * responses; this handler gives them the platform's JSON error body, and the 405 its {@code Allow} header.
 */
final class JsonErrorResponses extends ChannelDuplexHandler {

    private final RestIndex index;
    private String lastPath = "";

    JsonErrorResponses(RestIndex index) {
        this.index = index;
    }

    /** Remembers each request's path for its error answer (one request at a time per connection). */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            lastPath = RestIndex.pathOf(request.uri());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response
                && !(msg instanceof FullHttpResponse)
                && response.status().code() >= 400
                && "0".equals(response.headers().get(HttpHeaderNames.CONTENT_LENGTH))) {
            int code = response.status().code();
            String text = switch (code) {
                case 404 -> "no such resource: " + lastPath;
                case 405 -> "method not allowed on " + lastPath;
                default -> response.status().reasonPhrase();
            };
            FullHttpResponse json = response(code, text);
            if (code == 405) {
                json.headers().set(HttpHeaderNames.ALLOW, String.join(", ", index.allowed(lastPath)));
            }
            json.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(json, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    static FullHttpResponse response(int code, String message) {
        byte[] body = JsonError.json(code, message).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** Answers with a JSON error and closes the connection. */
    static void send(ChannelHandlerContext ctx, int code, String message, String wwwAuthenticate) {
        FullHttpResponse r = response(code, message);
        if (wwwAuthenticate != null) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
