package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing of esl.md §2 and §9, byte-exact frames cut at every offset of the stream. */
class EslFrameDecoderTest {

    static final String BANNER = "Content-Type: auth/request\n\n";
    static final String AUTH_OK = "Content-Type: command/reply\nReply-Text: +OK accepted\n\n";
    static final String API =
            "Content-Type: api/response\nContent-Length: 41\n\n+OK 1b2c3d4e-0000-4000-8000-00000000abcd\n";
    static final String DISCONNECT = "Content-Type: text/disconnect-notice\nContent-Length: 67\n\n"
            + "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
    static final String LOG = "Content-Type: log/data\nContent-Length: 12\nLog-Level: 7\n\nhello world\n";

    /** A DTMF event in plain format, values URL-encoded. */
    static String plainEvent() {
        String inner = "Event-Name: DTMF\nUnique-ID: 1b2c\nCaller-Caller-ID-Name: Alice%20Smith\n"
                + "DTMF-Digit: %23\nvariable_x: a%3Ab+c\n\n";
        return frame("text/event-plain", inner);
    }

    /** A BACKGROUND_JOB in plain format: a body of its own, with an empty line inside, framed by the inner length. */
    static String backgroundJob(String job, String output) {
        int n = output.getBytes(StandardCharsets.UTF_8).length;
        String inner = "Event-Name: BACKGROUND_JOB\nJob-UUID: " + job + "\nJob-Command: originate\n"
                + "Content-Length: " + n + "\n\n" + output;
        return frame("text/event-plain", inner);
    }

    static String frame(String type, String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: " + type + "\n\n"
                + body;
    }

    private static List<EslMessage> decode(byte[] stream, int... cuts) {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(stream, from, stream.length - from));
        List<EslMessage> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((EslMessage) o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void everyFrameTypeAtEveryCut() {
        String stream =
                BANNER + AUTH_OK + "\n" + API + plainEvent() + backgroundJob("7f4d", "+OK a\n\nb\n") + LOG + DISCONNECT;
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<EslMessage> m = decode(bytes, cut);
            assertEquals(7, m.size(), "cut at " + cut);
            assertEquals("auth/request", m.get(0).contentType());
            assertNull(m.get(0).body());
            assertEquals("+OK accepted", m.get(1).replyText());
            assertEquals("+OK 1b2c3d4e-0000-4000-8000-00000000abcd", m.get(2).replyText());
            EslEvent dtmf = EventParser.parse(m.get(3));
            assertEquals("#", dtmf.header("DTMF-Digit"));
            assertEquals("Alice Smith", dtmf.header("Caller-Caller-ID-Name"));
            assertEquals("a:b+c", dtmf.header("variable_x"), "a plus stays a plus");
            assertNull(dtmf.body());
            EslEvent job = EventParser.parse(m.get(4));
            assertEquals("+OK a\n\nb\n", job.body());
            assertEquals("7f4d", job.header("job-uuid"));
            assertFalse(job.headers().containsKey("Content-Length"));
            assertEquals("hello world\n", m.get(5).body());
            assertEquals("7", m.get(5).header("Log-Level"));
            assertTrue(m.get(6).body().startsWith("Disconnected, goodbye."));
        }
    }

    @Test
    void byteByByte() {
        byte[] bytes = (API + plainEvent()).getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        List<EslMessage> m = decode(bytes, cuts);
        assertEquals(2, m.size());
        assertEquals("DTMF", EventParser.parse(m.get(1)).name());
    }

    @Test
    void crlfLinesAndUtf8Bodies() {
        String body = "Grüße\n";
        String s = "Content-Type: api/response\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<EslMessage> m = decode(bytes, cut);
            assertEquals(1, m.size(), "cut " + cut);
            assertEquals("Grüße", m.get(0).replyText());
        }
    }

    /** §9: the outbound connect reply is a CHANNEL_DATA event, URL-encoded, Content-Type late in the block. */
    @Test
    void connectReplyInAnyOrderUrlDecoded() {
        String s = "Event-Name: CHANNEL_DATA\nReply-Text: %2BOK%0A\nUnique-ID: 6f0c\nControl: full\n"
                + "Caller-Destination-Number: 5000\nContent-Type: command/reply\nSocket-Mode: async\n\n";
        EslMessage m = decode(s.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("command/reply", m.contentType());
        assertEquals("+OK", m.replyText());
        assertEquals("5000", m.header("Caller-Destination-Number"));
    }

    @Test
    void largeEvent() {
        StringBuilder inner = new StringBuilder("Event-Name: CUSTOM\n");
        for (int i = 0; i < 20000; i++) {
            inner.append("variable_v").append(i).append(": value%20").append(i).append('\n');
        }
        inner.append('\n');
        byte[] bytes = frame("text/event-plain", inner.toString()).getBytes(StandardCharsets.UTF_8);
        List<EslMessage> m = decode(bytes, 1000, 100000, 300000);
        EslEvent e = EventParser.parse(m.get(0));
        assertEquals("value 19999", e.header("variable_v19999"));
        assertEquals(20001, e.headers().size());
    }

    @Test
    void jsonAndXmlEvents() {
        String json = "{\"Event-Name\":\"BACKGROUND_JOB\",\"Job-UUID\":\"7f4d\",\"Channel-Name\":\"sofia/a b\","
                + "\"arr\":[\"x\",\"y\"],\"_body\":\"+OK 1b2c\\n\"}";
        EslEvent j = EventParser.parse(decode(frame("text/event-json", json).getBytes(StandardCharsets.UTF_8))
                .get(0));
        assertEquals("BACKGROUND_JOB", j.name());
        assertEquals("sofia/a b", j.header("Channel-Name"));
        assertEquals("ARRAY::x|:y", j.header("arr"));
        assertEquals("+OK 1b2c\n", j.body());
        String xml = "<event>\n  <headers>\n    <Event-Name>DTMF</Event-Name>\n    <DTMF-Digit>%2A</DTMF-Digit>\n"
                + "  </headers>\n  <body>hi</body>\n</event>";
        EslEvent x = EventParser.parse(decode(frame("text/event-xml", xml).getBytes(StandardCharsets.UTF_8))
                .get(0));
        assertEquals("*", x.header("DTMF-Digit"));
        assertEquals("hi", x.body());
    }

    @Test
    void garbageIsRefusedOnceAndTheRestDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        ch.writeInbound(Unpooled.copiedBuffer(AUTH_OK, StandardCharsets.UTF_8));
        assertEquals("+OK accepted", ((EslMessage) ch.readInbound()).replyText());
        DecoderException e = assertThrows(
                DecoderException.class,
                () -> ch.writeInbound(
                        Unpooled.copiedBuffer("HTTP/1.1 200 OK garbage\n\n" + AUTH_OK, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not an Event Socket header line"), e.getMessage());
        ch.writeInbound(Unpooled.copiedBuffer(AUTH_OK, StandardCharsets.UTF_8));
        assertNull(ch.readInbound(), "nothing after garbage is trusted");
        ch.finishAndReleaseAll();
    }

    @Test
    void badContentLengths() {
        for (String len : List.of("abc", "-5", "99999999999")) {
            EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
            assertThrows(
                    DecoderException.class,
                    () -> ch.writeInbound(Unpooled.copiedBuffer(
                            "Content-Type: api/response\nContent-Length: " + len + "\n\n", StandardCharsets.UTF_8)));
            ch.finishAndReleaseAll();
        }
        EmbeddedChannel small = new EmbeddedChannel(new EslFrameDecoder(64, 1024));
        assertThrows(
                DecoderException.class,
                () -> small.writeInbound(Unpooled.copiedBuffer("X-Long: " + "a".repeat(100), StandardCharsets.UTF_8)));
        small.finishAndReleaseAll();
    }

    @Test
    void badEventBodies() {
        for (String[] bad : List.of(
                new String[] {"text/event-json", "[1,2]"},
                new String[] {"text/event-json", "{oops"},
                new String[] {"text/event-xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><event/>"},
                new String[] {"text/event-plain", "Event-Name: X\nContent-Length: 50\n\nshort"},
                new String[] {"text/event-plain", "no header here\n\n"})) {
            EslMessage m = decode(frame(bad[0], bad[1]).getBytes(StandardCharsets.UTF_8))
                    .get(0);
            assertThrows(RuntimeException.class, () -> EventParser.parse(m), bad[1]);
        }
    }

    @Test
    void closeInTheMiddleOfAMessageGivesNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        ch.writeInbound(Unpooled.copiedBuffer(API.substring(0, 50), StandardCharsets.UTF_8));
        ch.close();
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void commandsRefuseLineBreaks() {
        assertEquals("api status\n\n", EslCommand.of("api status").text());
        assertEquals(
                "sendmsg\ncall-command: execute\ncontent-length: 3\n\na\nb",
                EslCommand.of("sendmsg")
                        .header("call-command", "execute")
                        .body("a\nb")
                        .text());
        assertThrows(IllegalArgumentException.class, () -> EslCommand.of("api uuid_kill x\n\nexit"));
        assertThrows(
                IllegalArgumentException.class, () -> EslCommand.of("sendmsg").header("a", "b\r\nc: d"));
        assertEquals("auth ********", EslCommand.of("auth ClueCon").toString());
    }
}
