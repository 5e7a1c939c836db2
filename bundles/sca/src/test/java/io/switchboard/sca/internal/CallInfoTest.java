package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.sca.AppearanceState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallInfoTest {

    @Test
    void generatorWritesKamailiosOrderWithIdleLast() {
        String v = CallInfo.format(
                "voice.example.com",
                List.of(
                        new CallInfo.Line(1, AppearanceState.ACTIVE, "sip:2001@voice.example.com"),
                        new CallInfo.Line(2, AppearanceState.HELD, null),
                        new CallInfo.Line(3, AppearanceState.ACTIVE_PENDING, null)));
        assertEquals(
                "<sip:voice.example.com>"
                        + ";appearance-index=1;appearance-state=active;appearance-uri=\"sip:2001@voice.example.com\","
                        + "<sip:voice.example.com>;appearance-index=2;appearance-state=held,"
                        + "<sip:voice.example.com>;appearance-index=3;appearance-state=active,"
                        + "<sip:voice.example.com>;appearance-index=*;appearance-state=idle",
                v);
        assertEquals("<sip:d>;appearance-index=*;appearance-state=idle", CallInfo.format("d", List.of()));
        assertEquals("<sip:d>;appearance-index=4", CallInfo.seized("d", 4));
    }

    @Test
    void displayNamesAreQuotedAndParsedBack() {
        String v = CallInfo.format("d", List.of(new CallInfo.Line(1, AppearanceState.ALERTING, "\"Bob\" <sip:bob@x>")));
        assertEquals(
                "<sip:d>;appearance-index=1;appearance-state=alerting;appearance-uri=\"\\\"Bob\\\" <sip:bob@x>\","
                        + "<sip:d>;appearance-index=*;appearance-state=idle",
                v);
        List<CallInfo.Entry> back = CallInfo.parse(List.of(v));
        assertEquals(2, back.size());
        assertEquals("\"Bob\" <sip:bob@x>", back.get(0).appearanceUri());
        assertEquals(AppearanceState.ALERTING, back.get(0).state());
        assertEquals(CallInfo.ALL, back.get(1).index());
    }

    @Test
    void parserTakesParametersInAnyOrderAndSkipsForeignValues() {
        List<CallInfo.Entry> e = CallInfo.parse(List.of(
                "<sip:d>;appearance-state=HELD-private;appearance-index=2",
                "<http://www.example.com/alice/photo.jpg>;purpose=icon"));
        assertEquals(1, e.size());
        assertEquals(2, e.get(0).index());
        assertEquals(AppearanceState.HELD_PRIVATE, e.get(0).state());
        assertEquals("sip:d", e.get(0).uri());
        assertNull(CallInfo.first(List.of("<http://x/y.jpg>;purpose=icon")));
        assertEquals(
                1, CallInfo.first(List.of("<sip:215@d>;appearance-index=1")).index());
    }

    @Test
    void malformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CallInfo.parse(List.of("<sip:d>;appearance-index=abc")));
        assertThrows(IllegalArgumentException.class, () -> CallInfo.parse(List.of("<sip:d>;appearance-index=-2")));
        assertThrows(IllegalArgumentException.class, () -> CallInfo.parse(List.of("sip:d;appearance-index=1")));
        assertThrows(
                IllegalArgumentException.class,
                () -> CallInfo.parse(List.of("<sip:d>;appearance-index=1;appearance-state=ringing2")));
        assertThrows(IllegalArgumentException.class, () -> CallInfo.parse(List.of("<sip:d>;appearance-state=held")));
        assertThrows(
                IllegalArgumentException.class,
                () -> CallInfo.parse(List.of("<sip:d>;appearance-index=1;appearance-uri=\"open")));
    }

    @Test
    void statesAndTokens() {
        assertEquals("held-private", AppearanceState.HELD_PRIVATE.token());
        assertEquals("active", AppearanceState.ACTIVE_PENDING.token());
        assertEquals(AppearanceState.ALERTING, AppearanceState.parse("ringing"));
        assertThrows(IllegalArgumentException.class, () -> AppearanceState.parse("unknown"));
    }

    @Test
    void holdDetection() {
        assertEquals(true, Sdp.held("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n".getBytes()));
        assertEquals(true, Sdp.held("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n".getBytes()));
        assertEquals(true, Sdp.held("v=0\nm=audio 4000 RTP/AVP 0\na=inactive\n".getBytes()));
        assertEquals(
                false, Sdp.held("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n".getBytes()));
        assertEquals(false, Sdp.held(new byte[0]));
    }
}
