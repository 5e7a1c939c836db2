package io.switchboard.diameter.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the TCP stream into whole messages (byte arrays) by the 24-bit Message Length of each header, whatever the
 * reads look like (a header split over two reads, several messages in one). A stream whose next header cannot be
 * trusted (version not 1, a length below 20, not a multiple of 4 or beyond the limit) has lost its framing: there
 * is no way to find the next message, so the connection is closed (RFC 6733 §3) and the peer reconnects.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxMessageSize;

    FrameDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int first = in.getInt(in.readerIndex());
            int version = first >>> 24;
            int length = first & 0xFFFFFF;
            if (version != 1 || length < 20 || (length & 3) != 0 || length > maxMessageSize) {
                LOG.warn(
                        "Diameter peer {} lost framing (version {}, length {}): closing the connection",
                        ctx.channel().remoteAddress(),
                        version,
                        length);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            out.add(frame);
        }
    }
}
