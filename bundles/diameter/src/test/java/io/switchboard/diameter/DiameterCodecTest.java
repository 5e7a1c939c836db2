package io.switchboard.diameter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiameterCodecTest {

    private final DiameterDictionary dict = DiameterDictionary.standard();

    private DiameterMessage uar() {
        DiameterMessage m = DiameterMessage.request(300, 16777216, true);
        m.setHopByHop(0x01020304);
        m.setEndToEnd(0x0A0B0C0D);
        m.add(dict.create("Origin-Host", "icscf.ims.test"));
        m.add(dict.create("Session-Id", "icscf.ims.test;1;2"));
        m.add(dict.group(
                "Vendor-Specific-Application-Id",
                dict.create("Vendor-Id", 10415),
                dict.create("Auth-Application-Id", 16777216)));
        m.add(dict.create("Public-Identity", "sip:alice@ims.test"));
        m.add(dict.create("Visited-Network-Identifier", "ims.test"));
        m.add(dict.create("Host-IP-Address", InetAddress.getLoopbackAddress()));
        return m;
    }

    @Test
    void aMessageSurvivesTheRoundTripWithItsHeaderAndAvpsInOrder() {
        DiameterMessage m = uar();
        byte[] wire = DiameterCodec.encode(m);
        assertEquals(wire.length, ByteBuffer.wrap(wire).getInt() & 0xFFFFFF);
        assertEquals(1, wire[0]);
        assertEquals((byte) 0xC0, wire[4], "R|P");
        assertEquals(0, wire.length % 4);
        DiameterMessage back = DiameterCodec.decode(wire);
        assertEquals(300, back.commandCode());
        assertEquals(16777216L, back.applicationId());
        assertEquals(0x01020304, back.hopByHop());
        assertEquals(0x0A0B0C0D, back.endToEnd());
        assertTrue(back.isRequest() && back.isProxiable());
        assertEquals(m.avps(), back.avps());
        assertEquals(263, back.avps().get(0).code(), "Session-Id goes first");
        assertEquals("sip:alice@ims.test", back.find(601, 10415).orElseThrow().asUtf8());
        assertEquals(
                InetAddress.getLoopbackAddress(), back.find(257).orElseThrow().asAddress());
        assertArrayEquals(wire, DiameterCodec.encode(back));
    }

    @Test
    void avpHeadersFollowTheRfcLayout() {
        Avp threeGpp = dict.create("SIP-Number-Auth-Items", 1);
        assertEquals(16, threeGpp.length());
        assertEquals(0xC0, threeGpp.flags());
        Avp base = dict.create("Result-Code", 2001);
        assertEquals(12, base.length());
        assertEquals(0x40, base.flags());
        Avp odd = dict.create("User-Name", "abcde");
        assertEquals(13, odd.length());
        assertEquals(16, odd.paddedLength());
        ByteBuffer b = ByteBuffer.allocate(16);
        odd.writeTo(b);
        assertEquals(0, b.get(13) | b.get(14) | b.get(15), "padding is zeros");
        assertEquals(13, b.getInt(4) & 0xFFFFFF, "AVP Length excludes the padding");
    }

    @Test
    void theCxApplicationIdAvpIsTheBytesOtherHssesSend() {
        Avp vsai = dict.group(
                "Vendor-Specific-Application-Id",
                dict.create("Vendor-Id", 10415),
                dict.create("Auth-Application-Id", 16777216));
        ByteBuffer b = ByteBuffer.allocate(vsai.paddedLength());
        vsai.writeTo(b);
        assertEquals(
                "0000010440000020" + "0000010a4000000c000028af000001024000000c01000000",
                HexFormat.of().formatHex(b.array()));
        List<Avp> children = vsai.children();
        assertEquals(10415, children.get(0).asUnsigned32());
        assertEquals(16777216, children.get(1).asUnsigned32());
    }

    @Test
    void anAvpLengthBeyondTheMessageIs5014NamingTheAvp() {
        byte[] wire = DiameterCodec.encode(uar());
        int secondAvp = 20 + uar().avps().get(0).paddedLength();
        ByteBuffer.wrap(wire).putInt(secondAvp + 4, 0x40000000 | 0xFFFF);
        DiameterDecodeException e = assertThrows(DiameterDecodeException.class, () -> DiameterCodec.decode(wire));
        assertEquals(DiameterResultCodes.INVALID_AVP_LENGTH, e.resultCode());
        assertEquals(264, e.failedAvp().orElseThrow().code());
    }

    @Test
    void anAvpLengthBelowItsHeaderIs5014() {
        byte[] wire = DiameterCodec.encode(uar());
        ByteBuffer.wrap(wire).putInt(24, 0x40000004);
        assertEquals(
                DiameterResultCodes.INVALID_AVP_LENGTH,
                assertThrows(DiameterDecodeException.class, () -> DiameterCodec.decode(wire))
                        .resultCode());
    }

    @Test
    void aBadVersionOrAShortMessageCannotBeRead() {
        byte[] wire = DiameterCodec.encode(uar());
        wire[0] = 2;
        assertEquals(
                DiameterResultCodes.UNSUPPORTED_VERSION,
                assertThrows(DiameterDecodeException.class, () -> DiameterCodec.decode(wire))
                        .resultCode());
        assertEquals(
                DiameterResultCodes.INVALID_MESSAGE_LENGTH,
                assertThrows(DiameterDecodeException.class, () -> DiameterCodec.decode(new byte[12]))
                        .resultCode());
    }

    @Test
    void typedAccessorsReadWhatTheFactoriesWrote() {
        assertEquals(-5, Avp.integer32(1, 0, true, -5).asInteger32());
        assertEquals(4_000_000_000L, Avp.unsigned32(1, 0, true, 4_000_000_000L).asUnsigned32());
        assertEquals(1L << 40, Avp.unsigned64(1, 0, true, 1L << 40).asInteger64());
        Instant t = Instant.ofEpochSecond(1_700_000_000L);
        assertEquals(t, Avp.time(55, 0, true, t).asTime());
        assertThrows(
                IllegalStateException.class, () -> Avp.utf8(1, 0, true, "abc").asUnsigned32());
    }

    @Test
    void anAnswerKeepsTheIdentifiersAndTheSessionAndDropsR() {
        DiameterMessage a = uar().createAnswer();
        assertEquals(0x40, a.flags());
        assertEquals(0x01020304, a.hopByHop());
        assertEquals(0x0A0B0C0D, a.endToEnd());
        assertEquals("icscf.ims.test;1;2", a.sessionId().orElseThrow());
    }
}
