package io.switchboard.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sdp.Hold;
import io.switchboard.sdp.Sdp;
import io.switchboard.sdp.SdpEdits;
import io.switchboard.sdp.SdpException;
import io.switchboard.sdp.SdpMedia;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SDP model, edits and hold detection on SDPs as real phones and networks send them. */
class SdpTest {

    /** A Yealink T46 offer (audio with telephone-event, SRTP off). */
    static final String YEALINK = """
            v=0
            o=- 20022 20022 IN IP4 192.168.1.23
            s=SDP data
            c=IN IP4 192.168.1.23
            t=0 0
            m=audio 11780 RTP/AVP 0 8 18 9 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:9 G722/8000
            a=fmtp:101 0-15
            a=rtpmap:101 telephone-event/8000
            a=ptime:20
            a=sendrecv
            """.replace("\n", "\r\n");

    /** The same phone putting the call on hold (RFC 6337: a=sendonly in the re-INVITE's offer). */
    static final String YEALINK_HOLD =
            YEALINK.replace("20022 20022", "20022 20023").replace("a=sendrecv", "a=sendonly");

    /** A VoLTE UE offer (AMR-WB, preconditions), LF line ends as some capture tools save it. */
    static final String VOLTE = """
            v=0
            o=SAMSUNG-IMS-UE 1 1 IN IP6 2001:db8::10
            s=SS VOIP
            c=IN IP6 2001:db8::10
            t=0 0
            m=audio 1234 RTP/AVP 116 107 118 96 111 110
            b=AS:49
            a=rtpmap:116 AMR-WB/16000/1
            a=fmtp:116 mode-change-capability=2;max-red=0
            a=rtpmap:107 AMR-WB/16000/1
            a=fmtp:107 octet-align=1;mode-change-capability=2;max-red=0
            a=rtpmap:118 AMR/8000/1
            a=rtpmap:96 AMR/8000/1
            a=rtpmap:111 telephone-event/16000
            a=fmtp:111 0-15
            a=rtpmap:110 telephone-event/8000
            a=curr:qos local none
            a=des:qos mandatory local sendrecv
            a=ptime:20
            a=maxptime:240
            """;

    /** An RFC 2543 phone holding with c=0.0.0.0, audio plus a T.38 stream that was rejected. */
    static final String LEGACY_HOLD = """
            v=0
            o=cisco 1 2 IN IP4 10.0.0.5
            s=SIP Call
            c=IN IP4 0.0.0.0
            t=0 0
            m=audio 16384 RTP/AVP 0 101
            a=rtpmap:101 telephone-event/8000
            m=image 0 udptl t38
            """;

    @Test
    void aYealinkOfferIsReadMediaByMedia() throws Exception {
        Sdp sdp = Sdp.parse(YEALINK);
        assertEquals("- 20022 20022 IN IP4 192.168.1.23", sdp.origin());
        assertEquals("192.168.1.23", sdp.sessionAddress());
        SdpMedia a = sdp.media().get(0);
        assertEquals("audio", a.type());
        assertEquals(11780, a.port());
        assertEquals("RTP/AVP", a.transport());
        assertEquals(List.of("0", "8", "18", "9", "101"), a.formats());
        assertEquals(List.of("PCMU/8000", "PCMA/8000", "G729/8000", "G722/8000", "telephone-event/8000"), a.codecs());
        assertEquals("sendrecv", a.direction());
        assertNull(Hold.reason(sdp, false));
        assertEquals(YEALINK, sdp.encode(), "an SDP read and written unchanged is the same text");
    }

    @Test
    void holdIsDetectedPerRfc6337AndTheLegacyForm() throws Exception {
        assertEquals("sendonly", Hold.reason(Sdp.parse(YEALINK_HOLD), false));
        assertNull(Hold.reason(Sdp.parse(YEALINK_HOLD), true), "sendonly in an answer is no hold");
        assertEquals("recvonly", Hold.reason(Sdp.parse(YEALINK.replace("a=sendrecv", "a=recvonly")), true));
        assertEquals("inactive", Hold.reason(Sdp.parse(YEALINK.replace("a=sendrecv", "a=inactive")), false));
        assertEquals("c=0.0.0.0", Hold.reason(Sdp.parse(LEGACY_HOLD), false), "the rejected T.38 stream is ignored");
        String sessionLevel = YEALINK.replace("a=sendrecv\r\n", "").replace("t=0 0", "t=0 0\r\na=sendonly");
        assertEquals("sendonly", Hold.reason(Sdp.parse(sessionLevel), false), "a session-level attribute counts");
        String videoStillFlows = YEALINK_HOLD + "m=video 9000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
        assertNull(Hold.reason(Sdp.parse(videoStillFlows), false), "a stream still sendrecv: no hold");
    }

    @Test
    void aVolteOfferWithLfLineEndsAndIpv6() throws Exception {
        Sdp sdp = Sdp.parse(VOLTE);
        SdpMedia a = sdp.media().get(0);
        assertEquals("2001:db8::10", a.address());
        assertEquals("AMR-WB/16000/1", a.codecs().get(0));
        Sdp narrow = SdpEdits.keepCodecs(sdp, List.of("AMR-WB", "telephone-event/16000"));
        assertEquals(List.of("116", "107", "111"), narrow.media().get(0).formats());
        String text = narrow.encode();
        assertFalse(text.contains("a=rtpmap:118"), text);
        assertFalse(text.contains("a=fmtp:110"), text);
        assertTrue(text.contains("a=curr:qos local none\r\n"), "lines not about codecs stay: " + text);
        assertTrue(text.endsWith("a=maxptime:240\r\n"), text);
    }

    @Test
    void editsChangeOnlyWhatTheySay() throws Exception {
        Sdp sdp = Sdp.parse(YEALINK);
        Sdp noG729 = SdpEdits.removeCodecs(sdp, List.of("g729", "9"));
        assertEquals(List.of("0", "8", "101"), noG729.media().get(0).formats());
        assertFalse(noG729.encode().contains("annexb"), noG729.encode());
        assertTrue(noG729.encode().contains("m=audio 11780 RTP/AVP 0 8 101\r\n"));
        Sdp held = SdpEdits.direction(sdp, "inactive");
        assertEquals("inactive", held.media().get(0).direction());
        assertEquals(1, held.encode().split("a=inactive", -1).length - 1);
        assertFalse(held.encode().contains("a=sendrecv"));
        Sdp anchored = SdpEdits.port(SdpEdits.address(sdp, "203.0.113.7"), 0, 40000);
        assertEquals("203.0.113.7", anchored.media().get(0).address());
        assertTrue(anchored.encode().contains("c=IN IP4 203.0.113.7\r\n"));
        assertTrue(anchored.encode().contains("m=audio 40000 RTP/AVP 0 8 18 9 101\r\n"));
        assertTrue(anchored.encode().contains("o=- 20022 20022 IN IP4 192.168.1.23"), "the origin stays");
        assertEquals(
                "c=IN IP6 2001:db8::1",
                SdpEdits.address(sdp, "2001:db8::1").sessionLines().get(3));
        Sdp t38 = SdpEdits.keepCodecs(Sdp.parse(LEGACY_HOLD), List.of("PCMU"));
        assertEquals(List.of("t38"), t38.media().get(1).formats(), "a non-RTP stream keeps its formats");
    }

    @Test
    void anEditThatWouldLeaveNoCodecIsRefused() throws Exception {
        SdpException e =
                assertThrows(SdpException.class, () -> SdpEdits.keepCodecs(Sdp.parse(YEALINK), List.of("opus")));
        assertEquals("no codec left in media 0 (audio)", e.getMessage());
        assertThrows(SdpException.class, () -> SdpEdits.direction(Sdp.parse(YEALINK), "sideways"));
        assertThrows(SdpException.class, () -> SdpEdits.port(Sdp.parse(YEALINK), 1, 5000));
    }

    @Test
    void malformedSdpsSayWhy() {
        assertEquals("empty SDP", message(""));
        assertEquals(
                "line 1: an SDP starts with v=0, not 'o=- 1 1 IN IP4 1.2.3.4'", message("o=- 1 1 IN IP4 1.2.3.4\r\n"));
        assertEquals("line 2 is not <type>=<value>: 'hello'", message("v=0\r\nhello\r\n"));
        assertEquals(
                "no valid o= line (username sess-id sess-version nettype addrtype address)",
                message("v=0\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n"));
        assertEquals("media 0: bad port 'x'", message(YEALINK.replace("11780", "x")));
        assertEquals(
                "media 0 (audio) has no c= line and the session none either",
                message(YEALINK.replace("c=IN IP4 192.168.1.23\r\n", "")));
        assertEquals(
                "session: c= must be 'IN IP4|IP6 <address>': 'IN IP4'",
                message(YEALINK.replace("c=IN IP4 192.168.1.23", "c=IN IP4")));
        assertEquals(
                "media 0: m= needs <media> <port> <proto> <fmt>: 'm=audio 11780 RTP/AVP'",
                message(YEALINK.replace("RTP/AVP 0 8 18 9 101", "RTP/AVP")));
    }

    private static String message(String text) {
        return assertThrows(SdpException.class, () -> Sdp.parse(text)).getMessage();
    }
}
