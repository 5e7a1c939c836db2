package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.Test;

/**
 * Issue 12 item 6 on the wire: a torture suite in the spirit of RFC 4475, sent byte for byte over UDP and over TCP
 * with {@link RawSipPeer} (SIPp cannot send malformed messages). Valid but odd requests must be served (200 to an
 * OPTIONS, 401 to a REGISTER); invalid ones refused with the right status and a reason that says what is wrong and
 * nothing of the software. After every message a plain OPTIONS on the same socket (the same TCP connection) must get
 * its 200: the platform keeps serving, and over TCP the stream is still in step.
 */
public class StrictParsingIT extends SwitchboardTestSupport {

    /** One message of the suite: how to bend a plain request, and what it must get (0: nothing at all). */
    private record Case(String name, String method, UnaryOperator<String> bend, int status, String reason) {}

    private static List<Case> valid() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "compact forms",
                "OPTIONS",
                m -> m.replace("Via:", "v:")
                        .replace("From:", "f:")
                        .replace("To:", "t:")
                        .replace("Call-ID:", "i:")
                        .replace("Contact:", "m:")
                        .replace("Content-Length:", "l:"),
                200,
                null));
        cases.add(new Case(
                "odd-case names",
                "OPTIONS",
                m -> m.replace("Via:", "vIA:")
                        .replace("Max-Forwards:", "MAX-forwards:")
                        .replace("Call-ID:", "cALL-iD:")
                        .replace("CSeq:", "cseq:"),
                200,
                null));
        cases.add(new Case(
                "whitespace around colons and values",
                "OPTIONS",
                m -> m.replace("To: ", "To  :\t ")
                        .replace("Max-Forwards: 70", "Max-Forwards:    70   ")
                        .replace("CSeq: 1 ", "CSeq:  1\t "),
                200,
                null));
        cases.add(new Case(
                "folded header lines",
                "OPTIONS",
                m -> m.replace("To: <", "To:\r\n  <")
                        .replace("Content-Length", "Subject: a subject\r\n\tfolded twice\r\n  here\r\nContent-Length"),
                200,
                null));
        cases.add(new Case(
                "escaped Request-URI user", "OPTIONS", m -> m.replaceFirst("sip:sb@", "sip:%73%62@"), 200, null));
        cases.add(new Case(
                "unknown headers, UTF-8 display name",
                "OPTIONS",
                m -> m.replace("From: <", "From: \"J\u00f6rg \u00c5str\u00f6m\" <")
                        .replace("Content-Length", "X-Odd-Header: ~!`@#$%^&*()_+={}[]|;'<>?,./\r\nContent-Length"),
                200,
                null));
        cases.add(new Case(
                "lower-case SIP version", "OPTIONS", m -> m.replaceFirst(" SIP/2.0\r\n", " sip/2.0\r\n"), 200, null));
        cases.add(new Case(
                "REGISTER with a numeric Expires",
                "REGISTER",
                m -> m.replace("Content-Length", "Expires: 60\r\nContent-Length"),
                401,
                null));
        return cases;
    }

    private static List<Case> invalid(boolean udp) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "SIP/7.0",
                "OPTIONS",
                m -> m.replaceFirst(" SIP/2.0\r\n", " SIP/7.0\r\n"),
                505,
                "Version Not Supported"));
        for (String[] twice : new String[][] {
            {"Call-ID", "Call-ID: second@127.0.0.1"},
            {"CSeq", "CSeq: 2 OPTIONS"},
            {"From", "f: <sip:x@127.0.0.1>;tag=x"},
            {"To", "To: <sip:y@127.0.0.1>"},
            {"Max-Forwards", "Max-Forwards: 69"},
            {"Content-Length", "l: 0"}
        }) {
            cases.add(new Case(
                    twice[0] + " twice",
                    "OPTIONS",
                    m -> m.replace("Contact:", twice[1] + "\r\nContact:"),
                    400,
                    "Bad Request (" + twice[0] + " repeated)"));
        }
        cases.add(new Case(
                "NUL in a header value",
                "OPTIONS",
                m -> m.replace("Content-Length", "Subject: a\0b\r\nContent-Length"),
                400,
                "Bad Request (control character in Subject)"));
        cases.add(new Case(
                "ESC in the From display name",
                "OPTIONS",
                m -> m.replace("From: <", "From: \"\u001b[31m\" <"),
                400,
                "Bad Request (control character in From)"));
        cases.add(new Case(
                "non-numeric Expires, before any challenge",
                "REGISTER",
                m -> m.replace("Content-Length", "Expires: soon\r\nContent-Length"),
                400,
                "Bad Request (Expires not a number)"));
        cases.add(new Case(
                "malformed CSeq",
                "OPTIONS",
                m -> m.replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"),
                400,
                "Bad Request (malformed CSeq)"));
        if (udp) {
            cases.add(new Case(
                    "datagram shorter than its Content-Length",
                    "OPTIONS",
                    m -> m.replace(
                            "Content-Length: 0\r\n\r\n",
                            "Content-Type: text/plain\r\nContent-Length: 200\r\n\r\nhello"),
                    400,
                    "Bad Request (message truncated)"));
            cases.add(new Case(
                    "datagram that ends inside a header line",
                    "OPTIONS",
                    m -> m.substring(0, m.indexOf("Contact:") + 15),
                    400,
                    "Bad Request (message truncated)"));
        }
        return cases;
    }

    @Test
    public void tortureOverUdp() throws Exception {
        torture("UDP");
    }

    @Test
    public void tortureOverTcp() throws Exception {
        torture("TCP");
    }

    private void torture(String transport) throws Exception {
        List<Case> all = new ArrayList<>(valid());
        all.addAll(invalid(transport.equals("UDP")));
        try (RawSipPeer peer = RawSipPeer.open(transport, "127.0.0.1", sipPort())) {
            for (Case c : all) {
                String what = transport + " " + c.name();
                peer.send(c.bend().apply(peer.request(c.method(), null, null)));
                RawSipPeer.Response r = peer.receiveFinal(5000);
                if (c.status() == 0) {
                    assertNull(what + ": no answer", r);
                } else {
                    assertNotNull(what + ": an answer", r);
                    assertEquals(what + ": " + r, c.status(), r.status());
                    if (c.reason() != null) {
                        assertEquals(what, c.reason(), r.reason());
                    }
                    String lower = r.reason().toLowerCase(Locale.ROOT);
                    assertFalse(what + ": " + r.reason(), lower.contains("exception") || lower.contains("java"));
                    assertTrue(
                            what + ": a well-formed response\n" + r,
                            r.text().contains("\r\n\r\n") && r.text().indexOf("\0") < 0);
                }
                RawSipPeer.Response next = peer.receiveFinal(300);
                assertNull(what + ": one answer only, got also " + next, next);
                peer.send(peer.request("OPTIONS", null, null));
                RawSipPeer.Response plain = peer.receiveFinal(5000);
                assertNotNull(what + ": the next plain OPTIONS is answered", plain);
                assertEquals(what + ": the next plain OPTIONS", 200, plain.status());
            }
        }
    }
}
