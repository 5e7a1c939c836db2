package io.switchboard.diameter.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterMessage;

/** Writes a {@link DiameterMessage} as its wire octets, counting it (every message we send passes here). */
final class FrameEncoder extends MessageToByteEncoder<DiameterMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, DiameterMessage msg, ByteBuf out) {
        out.writeBytes(DiameterCodec.encode(msg));
        DiameterMeters.sent(msg);
    }
}
