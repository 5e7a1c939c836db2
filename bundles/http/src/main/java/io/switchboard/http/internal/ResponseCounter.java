package io.switchboard.http.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Counts every response of the API by status, whoever answered it (a route, a check before the routes, the
 * server's own 404): it sits next to the HTTP codec, below every handler that writes a response. The counts go
 * to {@link HttpMeters}, which sends them to the platform's meter registry when bundles/metrics is there.
 */
@ChannelHandler.Sharable
final class ResponseCounter extends ChannelOutboundHandlerAdapter {

    static final ResponseCounter INSTANCE = new ResponseCounter();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            HttpMeters.response(response.status().code());
        }
        ctx.write(msg, promise);
    }
}
