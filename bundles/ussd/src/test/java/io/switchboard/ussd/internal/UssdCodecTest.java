package io.switchboard.ussd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.xml.XmlException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UssdCodecTest {

    private final UssdCodec codec = new UssdCodec();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheElementsInOrderWithoutNamespaceAndEscapes() {
        String xml = new String(
                codec.write(new UssdMessage("en", "1 Balance & <more>\n2 Bundles", null, UssdMessage.Kind.REQUEST)),
                StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(
                xml.contains("<ussd-data><language>en</language><ussd-string>1 Balance &amp; &lt;more&gt;\n2 "
                        + "Bundles</ussd-string>"
                        + "<anyExt><UnstructuredSS-Request/></anyExt></ussd-data>"),
                xml);
        assertTrue(!xml.contains("xmlns"), xml);
        String err = new String(codec.write(UssdMessage.error("de", 3)), StandardCharsets.UTF_8);
        assertTrue(err.contains("<ussd-data><language>de</language><error-code>3</error-code></ussd-data>"), err);
        String notify = new String(
                codec.write(new UssdMessage(null, "Hi", null, UssdMessage.Kind.NOTIFY)), StandardCharsets.UTF_8);
        assertTrue(
                notify.contains(
                        "<ussd-data><ussd-string>Hi</ussd-string><anyExt><UnstructuredSS-Notify/></anyExt></ussd-data>"
                                + ""),
                notify);
    }

    @Test
    void roundTrips() throws XmlException {
        for (UssdMessage m : new UssdMessage[] {
            new UssdMessage("en", "*100#", null, UssdMessage.Kind.PLAIN),
            new UssdMessage("fr", "Entrez le code é ü 日本", null, UssdMessage.Kind.REQUEST),
            new UssdMessage(null, "Notice", null, UssdMessage.Kind.NOTIFY),
            new UssdMessage("en", null, 1, UssdMessage.Kind.PLAIN)
        }) {
            assertEquals(m, codec.parse(codec.write(m)));
        }
    }

    @Test
    void readsWhatUesSend() throws XmlException {
        UssdMessage m = codec.parse(
                b("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ussd-data>\n  <language>undefined</language>\n"
                        + "  <ussd-string>*123#</ussd-string>\n</ussd-data>"));
        assertEquals(new UssdMessage("undefined", "*123#", null, UssdMessage.Kind.PLAIN), m);
        // Samsung: the acknowledgement of a notification directly under ussd-data; another stack wraps it in anyExt
        assertEquals(
                UssdMessage.Kind.NOTIFY,
                codec.parse(b("<ussd-data><language>en</language><UnstructuredSS-Notify/></ussd-data>"))
                        .kind());
        assertEquals(
                UssdMessage.Kind.NOTIFY,
                codec.parse(b("<ussd-data><anyExt><UnstructuredSS-Notify/></anyExt></ussd-data>"))
                        .kind());
        // no language, children in another order
        assertEquals(
                new UssdMessage(null, "1", 2, UssdMessage.Kind.PLAIN),
                codec.parse(b("<ussd-data><error-code>2</error-code><ussd-string>1</ussd-string></ussd-data>")));
        // unknown things inside anyExt are ignored
        assertEquals(
                UssdMessage.Kind.PLAIN,
                codec.parse(b("<ussd-data><ussd-string>1</ussd-string><anyExt><foo/></anyExt></ussd-data>"))
                        .kind());
    }

    @Test
    void refusesMalformedInput() {
        assertThrows(XmlException.class, () -> codec.parse(new byte[0]));
        assertThrows(XmlException.class, () -> codec.parse(b("<ussd-data><ussd-string>1</ussd-data>")));
        assertThrows(XmlException.class, () -> codec.parse(b("<other/>")));
        assertThrows(XmlException.class, () -> codec.parse(b("<ussd-data><error-code>x</error-code></ussd-data>")));
        assertThrows(XmlException.class, () -> codec.parse(b("<ussd-data><bogus>1</bogus></ussd-data>")));
        assertThrows(
                XmlException.class,
                () -> codec.parse(b("<ussd-data xmlns=\"urn:x\"><ussd-string>1</ussd-string></ussd-data>")));
        assertThrows(
                XmlException.class,
                () -> codec.parse(b("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ussd-data>"
                        + "<ussd-string>&e;</ussd-string></ussd-data>")));
    }

    @Test
    void splitsMultipartBodies() {
        String ussd =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ussd-data><ussd-string>*100#</ussd-string></ussd-data>";
        String body = "--outer\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 49170 RTP/AVP 0\r\n"
                + "\r\n--outer\r\nContent-Type: application/vnd.3gpp.ussd+xml\r\nContent-Disposition: "
                + "render;handling=optional\r\n\r\n"
                + ussd
                + "\r\n--outer--\r\n";
        UssdCodec.Parts p = UssdCodec.parts("multipart/mixed; boundary=\"outer\"", b(body));
        assertArrayEquals(b(ussd), p.ussd());
        assertEquals("v=0\r\nm=audio 49170 RTP/AVP 0\r\n", p.sdp());
        assertEquals("v=0\r\nm=audio 0 RTP/AVP 0\r\n", UssdCodec.sdpAnswer(p.sdp()));
        assertArrayEquals(
                b(ussd),
                UssdCodec.parts("application/vnd.3gpp.ussd+xml", b(ussd)).ussd());
        UssdCodec.Parts other = UssdCodec.parts("text/plain", b("x"));
        assertNull(other.ussd());
        assertEquals("text/plain", other.otherType());
        // our own multipart reads back
        UssdCodec.Parts own = UssdCodec.parts(
                UssdCodec.multipartContentType(), UssdCodec.multipart(UssdCodec.sdpOffer("127.0.0.1"), b(ussd)));
        assertArrayEquals(b(ussd), own.ussd());
        assertTrue(own.sdp().contains("m=audio 0 RTP/AVP 0"));
    }

    @Test
    void readsDialstrings() {
        assertEquals("*135#", UssdCodec.dialString("sip:*135%23;phone-context=home1.net@home1.net;user=dialstring"));
        assertEquals("*100#", UssdCodec.dialString("sip:*100%23@127.0.0.1;user=dialstring"));
        assertNull(UssdCodec.dialString("sip:alice@127.0.0.1"));
        assertNull(UssdCodec.dialString(null));
    }
}
