package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictParsingTest {

    private static final String HEAD = "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "From: <sip:a@example.com>;tag=1\r\n"
            + "To: <sip:b@example.com>\r\n"
            + "Call-ID: c1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Max-Forwards: 70\r\n";

    private static StrictParsing.Refusal check(String text, boolean datagram) {
        return StrictParsing.check(text.getBytes(StandardCharsets.UTF_8), datagram);
    }

    private static String options(String extra) {
        return "OPTIONS sip:b@example.com SIP/2.0\r\n" + HEAD + extra + "Content-Length: 0\r\n\r\n";
    }

    private static void refused(int status, String reason, String text, boolean datagram) {
        StrictParsing.Refusal r = check(text, datagram);
        assertNotNull(r, text);
        assertEquals(status, r.status(), text);
        assertEquals(reason, r.reason(), text);
    }

    @Test
    void plainAndOddButValidRequestsPass() {
        assertNull(check(options(""), true));
        assertNull(check(options("Expires: 60\r\n"), true));
        // lower-case version, compact forms, odd case, whitespace before the colon, folding, LF line ends, UTF-8
        assertNull(check(
                "OPTIONS sip:b@example.com sip/2.0\n"
                        + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-2\n"
                        + "f: \"J\u00f6rg\" <sip:a@example.com>;tag=1\n"
                        + "t  :\t<sip:b@example.com>\n"
                        + "i: c2\n"
                        + "cSeQ: 1\n  OPTIONS\n"
                        + "Subject: one,\n\t two\n"
                        + "l: 4\n\nabcd",
                true));
        // a TCP message is framed by its reader: never judged truncated here
        assertNull(check("OPTIONS sip:b@example.com SIP/2.0\r\n" + HEAD + "Content-Length: 10\r\n\r\n", false));
    }

    @Test
    void anotherVersionIs505() {
        refused(505, "Version Not Supported", options("").replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia"), true);
        refused(505, "Version Not Supported", options("").replace("SIP/2.0\r\nVia", "SIP/2.00\r\nVia"), false);
    }

    @Test
    void aRepeatedSingleValuedHeaderIs400() {
        refused(400, "Bad Request (Call-ID repeated)", options("i: c9\r\n"), true);
        refused(400, "Bad Request (CSeq repeated)", options("CSeq: 2 OPTIONS\r\n"), true);
        refused(400, "Bad Request (From repeated)", options("f: <sip:x@example.com>;tag=2\r\n"), true);
        refused(400, "Bad Request (To repeated)", options("TO: <sip:y@example.com>\r\n"), true);
        refused(400, "Bad Request (Max-Forwards repeated)", options("Max-Forwards: 69\r\n"), false);
        refused(400, "Bad Request (Content-Length repeated)", options("l: 0\r\n"), false);
    }

    @Test
    void controlCharactersInHeaderValuesAre400() {
        refused(400, "Bad Request (control character in Subject)", options("Subject: a\0b\r\n"), true);
        refused(400, "Bad Request (control character in From)", options("").replace("tag=1", "tag=\u00011"), false);
        refused(400, "Bad Request (control character in Subject)", options("Subject: a\r\n b\u007f\r\n"), true);
        refused(400, "Bad Request (control character in Subject)", options("Subject: a\rb\r\n"), true);
    }

    @Test
    void aTruncatedDatagramIs400() {
        String full = options("");
        refused(400, "Bad Request (message truncated)", full.substring(0, full.indexOf("Call-ID") + 5), true);
        refused(400, "Bad Request (message truncated)", full.replace("Content-Length: 0", "Content-Length: 20"), true);
        refused(400, "Bad Request (message truncated)", full.substring(0, full.length() - 2), true);
    }

    @Test
    void aNonNumericExpiresIs400() {
        refused(400, "Bad Request (Expires not a number)", options("Expires: soon\r\n"), true);
        refused(400, "Bad Request (Expires not a number)", options("Expires: -1\r\n"), false);
        refused(400, "Bad Request (Expires not a number)", options("expires:\r\n"), true);
    }
}
