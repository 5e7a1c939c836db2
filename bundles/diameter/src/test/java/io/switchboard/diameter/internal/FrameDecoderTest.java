package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterMessage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static byte[] message(int hbh, String user) {
        DiameterMessage m = DiameterMessage.request(280, 0, false);
        m.setHopByHop(hbh);
        m.add(Avp.utf8(264, 0, true, user));
        return DiameterCodec.encode(m);
    }

    @Test
    void aMessageSplitIntoSingleBytesIsOneFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
        byte[] wire = message(7, "peer.example.org");
        for (int i = 0; i < wire.length; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {wire[i]}));
            if (i < wire.length - 1) {
                assertNull(ch.readInbound(), "nothing before the last byte");
            }
        }
        assertArrayEquals(wire, (byte[]) ch.readInbound());
    }

    @Test
    void twoAndAHalfMessagesInOneReadGiveTwoFramesThenTheThird() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
        byte[] a = message(1, "a.example.org");
        byte[] b = message(2, "bb.example.org");
        byte[] c = message(3, "ccc.example.org");
        ByteBuffer all = ByteBuffer.allocate(a.length + b.length + c.length)
                .put(a)
                .put(b)
                .put(c);
        byte[] bytes = all.array();
        int cut = a.length + b.length + 10;
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
        assertArrayEquals(a, (byte[]) ch.readInbound());
        assertArrayEquals(b, (byte[]) ch.readInbound());
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
        assertArrayEquals(c, (byte[]) ch.readInbound());
    }

    @Test
    void aBadVersionClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
        byte[] wire = message(1, "a.example.org");
        wire[0] = 2;
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
    }

    @Test
    void aLengthBelowTheHeaderNotAMultipleOfFourOrTooLargeClosesTheConnection() {
        for (int length : new int[] {12, 22, 8192}) {
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
            ch.writeInbound(Unpooled.wrappedBuffer(
                    ByteBuffer.allocate(4).putInt(0x01000000 | length).array()));
            assertFalse(ch.isOpen(), "length " + length);
        }
    }

    @Test
    void aShortHeaderWaits() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0}));
        assertNull(ch.readInbound());
        assertEquals(true, ch.isOpen());
    }
}
