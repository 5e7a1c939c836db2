package io.switchboard.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Every request must name this server in {@code Host} (400 without one, 421 Misdirected Request for another name),
 * and a browser's request must come from a page of this server ({@code Origin}, else 403), before the token check
 * and any route: a page of another site that the operator's browser opens reaches the loopback API only under its
 * own name (DNS rebinding) or with its own origin (cross-site request forgery).
 */
final class HostCheck extends ChannelInboundHandlerAdapter {

    private final AllowedHosts hosts;

    HostCheck(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String host = request.headers().get(HttpHeaderNames.HOST);
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (host == null || host.isBlank()) {
                ReferenceCountUtil.release(msg);
                JsonErrorResponses.send(ctx, 400, "missing Host header", null);
                return;
            }
            if (!hosts.allowsHost(host)) {
                ReferenceCountUtil.release(msg);
                JsonErrorResponses.send(ctx, 421, "this server does not answer for host " + host, null);
                return;
            }
            if (!hosts.allowsOrigin(origin)) {
                ReferenceCountUtil.release(msg);
                JsonErrorResponses.send(ctx, 403, "cross-origin request refused (Origin " + origin + ")", null);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
