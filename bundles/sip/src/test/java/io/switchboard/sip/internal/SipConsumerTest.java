package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class SipConsumerTest extends SipTestSupport {

    private static final int WAIT = 3000;

    @Test
    void optionsIsAnsweredWithStatusAndHeadersSetByTheRoute() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> seen.set(Map.copyOf(e.getIn().getHeaders())))
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .setHeader("SipHeader.Allow", constant("INVITE, ACK, OPTIONS, BYE"))
                        .setHeader("SipHeader.X-Multi", constant(List.of("one", "two")))
                        .setHeader("SipHeader.Accept", constant("application/sdp"));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = RawSip.newCallId();
            peer.send(
                    RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            callId,
                            7,
                            RawSip.branch(),
                            List.of(
                                    "Contact: <sip:alice@127.0.0.1:" + peer.port() + ">",
                                    "Expires: 60",
                                    "Event: presence;id=1"),
                            null),
                    port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "no response");
            assertEquals(200, r.status(), r.text);
            assertEquals("OK", r.reason());
            assertEquals(callId, r.header("Call-ID"));
            assertEquals("7 OPTIONS", r.header("CSeq"));
            assertNotNull(r.tag("To"), "200 must carry a To tag");
            assertEquals("from7", r.tag("From"));
            assertTrue(r.header("Allow").contains("INVITE") && r.header("Allow").contains("BYE"), r.text);
            assertEquals(List.of("one", "two"), r.all("X-Multi"));
            assertEquals("application/sdp", r.header("Accept"));

            Map<String, Object> h = seen.get();
            assertEquals("OPTIONS", h.get(SipHeaders.METHOD));
            assertEquals("sip:sb@127.0.0.1:" + port, h.get(SipHeaders.REQUEST_URI));
            assertEquals("sip:alice@127.0.0.1:" + peer.port(), h.get(SipHeaders.FROM_URI));
            assertEquals("from7", h.get(SipHeaders.FROM_TAG));
            assertEquals("sip:sb@127.0.0.1:" + port, h.get(SipHeaders.TO_URI));
            assertNull(h.get(SipHeaders.TO_TAG));
            assertEquals(callId, h.get(SipHeaders.CALL_ID));
            assertEquals(7L, h.get(SipHeaders.CSEQ));
            assertEquals("presence", h.get(SipHeaders.EVENT));
            assertEquals(60, h.get(SipHeaders.EXPIRES));
            assertEquals("sip:alice@127.0.0.1:" + peer.port(), h.get(SipHeaders.CONTACT));
            assertEquals("127.0.0.1", h.get(SipHeaders.SOURCE_ADDRESS));
            assertEquals(peer.port(), h.get(SipHeaders.SOURCE_PORT));
            assertEquals("udp", h.get(SipHeaders.TRANSPORT));
            assertTrue(h.get(SipHeaders.MESSAGE) instanceof SipMessage);
            assertNull(h.get(SipHeaders.DIALOG), "OPTIONS does not create a dialog");
        }
        assertEquals(1, stats(port).requestsReceived());
        assertTrue(
                await(() -> stats(port).responsesSent() == 1, WAIT),
                "responsesSent=" + stats(port).responsesSent());
    }

    @Test
    void aRequestWhoseRouteIsGoneGets503WithRetryAfterAtOnce() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").to("direct:gone?block=false");
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(
                    RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            List.of(),
                            null),
                    port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "no response");
            assertEquals(503, r.status(), r.text);
            assertEquals("1", r.header("Retry-After"));
            assertEquals("Service Unavailable", r.reason());
            assertTrue(r.header("Warning").contains("No consumers available on endpoint: direct://gone"), r.text);
            assertTrue(!r.header("Warning").contains("Exchange["), r.text);
        }
    }

    @Test
    void headersAreReachableByNameAndIndexFromSimple() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<SipMessage> message = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> {
                            message.set(e.getIn().getHeader(SipHeaders.MESSAGE, SipMessage.class));
                            body.set(e.getIn().getBody(String.class));
                        })
                        .setHeader("SipHeader.X-Via-Count", simple("${header.SipMessage.headerCount('Via')}"))
                        .setHeader("SipHeader.X-Via-1", simple("${header.SipMessage.header('Via', 1)}"))
                        .setHeader("SipHeader.X-Subject", simple("${header.SipMessage.header('Subject')}"))
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String req = RawSip.request(
                    "MESSAGE",
                    "sip:sb@127.0.0.1:" + port,
                    "UDP",
                    peer.port(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    List.of(
                            "v: SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bKsecond",
                            "Via: SIP/2.0/TCP 10.0.0.3:5063;branch=z9hG4bKthird",
                            "s: hello there",
                            "Content-Type: text/plain"),
                    "hi \u00e9");
            peer.send(req, port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "no response");
            assertEquals(200, r.status(), r.text);
            assertEquals("3", r.header("X-Via-Count"));
            assertEquals("SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bKsecond", r.header("X-Via-1"));
            assertEquals("hello there", r.header("X-Subject"));
            assertEquals(3, r.values("Via").size(), "all Vias are copied into the response:\n" + r.text);
        }
        SipMessage m = message.get();
        assertEquals("MESSAGE", m.method());
        assertTrue(m.isRequest());
        assertEquals(3, m.headerCount("Via"));
        assertEquals(3, m.headerCount("v"));
        assertEquals(3, m.headers("via").size());
        assertTrue(m.header("Via", 0).startsWith("SIP/2.0/UDP 127.0.0.1:"));
        assertEquals("SIP/2.0/TCP 10.0.0.3:5063;branch=z9hG4bKthird", m.header("Via", 2));
        assertNull(m.header("Via", 3));
        assertNull(m.header("X-Absent"));
        assertEquals(0, m.headerCount("X-Absent"));
        assertTrue(
                m.headerNames().contains("Via")
                        && m.headerNames().contains("Subject")
                        && m.headerNames().contains("Call-ID"),
                m.headerNames().toString());
        assertEquals("hi \u00e9", new String(m.body(), StandardCharsets.UTF_8));
        assertEquals("hi \u00e9", body.get());
        assertTrue(m.toString().startsWith("MESSAGE sip:sb@127.0.0.1:" + port + " SIP/2.0\r\n"), m.toString());
    }

    @Test
    void inviteGetsProvisional180Then200OnTheSameTransactionWithTheSameToTag() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<SipDialog> dialog = new AtomicReference<>();
        BlockingQueue<String> acks = new ArrayBlockingQueue<>(10);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .choice()
                        .when(header(SipHeaders.METHOD).isEqualTo("ACK"))
                        .process(e -> acks.add(e.getIn().getHeader(SipHeaders.CALL_ID, String.class)))
                        .otherwise()
                        .process(e -> dialog.set(e.getIn().getHeader(SipHeaders.DIALOG, SipDialog.class)))
                        .to("sip:reply?code=180&reason=Ringing")
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .setHeader(SipHeaders.REPLY_CONTENT_TYPE, constant("application/sdp"))
                        .process(e -> e.getMessage().setBody("v=0\r\n"))
                        .end();
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = RawSip.newCallId();
            String contact = "sip:alice@127.0.0.1:" + peer.port();
            peer.send(
                    RawSip.request(
                            "INVITE",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            callId,
                            1,
                            RawSip.branch(),
                            List.of(
                                    "Contact: <" + contact + ">",
                                    "Record-Route: <sip:p1.example.com;lr>",
                                    "Record-Route: <sip:p2.example.com;lr>"),
                            null),
                    port);
            RawSip.Msg ringing = peer.receiveStatusAtLeast(101, WAIT);
            assertNotNull(ringing, "no 180");
            assertEquals(180, ringing.status());
            assertEquals("Ringing", ringing.reason());
            RawSip.Msg ok = peer.receiveStatusAtLeast(200, WAIT);
            assertNotNull(ok, "no 200");
            assertEquals(200, ok.status());
            assertNotNull(ringing.tag("To"));
            assertEquals(ringing.tag("To"), ok.tag("To"), "same To tag in 180 and 200");
            assertNotNull(ok.header("Contact"), "200 to INVITE carries our Contact");
            assertEquals("application/sdp", ok.header("Content-Type"));
            assertEquals("v=0\r\n", ok.body);
            assertEquals(
                    List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"),
                    ok.values("Record-Route"),
                    "Record-Route copied into the 2xx");

            SipDialog d = dialog.get();
            assertNotNull(d, "INVITE without To tag creates a dialog");
            assertEquals(callId, d.callId());
            assertEquals(ok.tag("To"), d.localTag());
            assertEquals("from1", d.remoteTag());
            assertEquals(contact, d.remoteTarget());
            assertEquals("sip:sb@127.0.0.1:" + port, d.localUri());
            assertEquals("sip:alice@127.0.0.1:" + peer.port(), d.remoteUri());
            assertEquals(List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"), d.routeSet());
            assertEquals(1, d.nextCSeq());

            // no ACK yet: the UAS core retransmits the 2xx, T1 doubling
            long t0 = System.nanoTime();
            RawSip.Msg again = peer.receiveStatusAtLeast(200, WAIT);
            long t1 = System.nanoTime();
            assertNotNull(again, "2xx is retransmitted until ACKed");
            assertEquals(200, again.status());
            assertEquals(ok.tag("To"), again.tag("To"));
            RawSip.Msg third = peer.receiveStatusAtLeast(200, WAIT);
            long t2 = System.nanoTime();
            assertNotNull(third, "2xx is retransmitted again");
            long gap1 = (t1 - t0) / 1_000_000;
            long gap2 = (t2 - t1) / 1_000_000;
            assertTrue(
                    gap1 >= 300 && gap1 < 900 && gap2 >= 800 && gap2 < 1500,
                    "retransmission gaps " + gap1 + " ms, " + gap2 + " ms");

            String ack = "ACK " + contact.replace("alice", "sb").replace(":" + peer.port(), ":" + port) + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=" + RawSip.branch() + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:alice@127.0.0.1:" + peer.port() + ">;tag=from1\r\n"
                    + "To: <sip:sb@127.0.0.1:" + port + ">;tag=" + ok.tag("To") + "\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
            peer.send(ack, port);
            assertEquals(callId, acks.poll(WAIT, TimeUnit.MILLISECONDS), "ACK reaches the route");
            // drain what was in flight, then nothing more may come
            while (peer.receive(300) != null) {
                // retransmissions sent before the ACK arrived
            }
            assertNull(peer.receive(1500), "no retransmission after ACK");
        }
    }

    @Test
    void cancelOfARingingInviteGets200AndTheInvite487() throws Exception {
        int port = RawSip.freePort();
        BlockingQueue<SipServerExchange> cancels = new ArrayBlockingQueue<>(2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .choice()
                        .when(header(SipHeaders.METHOD).isEqualTo("INVITE"))
                        .to("sip:reply?code=180")
                        .setProperty(SipHeaders.REPLY_DEFERRED, constant(true))
                        .when(header(SipHeaders.METHOD).isEqualTo("CANCEL"))
                        .process(e -> cancels.add(e.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class)))
                        .setHeader(SipHeaders.STATUS, constant(481))
                        .otherwise()
                        .setHeader(SipHeaders.STATUS, constant(481))
                        .end();
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = RawSip.newCallId();
            String branch = RawSip.branch();
            String invite = RawSip.request(
                    "INVITE",
                    "sip:sb@127.0.0.1:" + port,
                    "UDP",
                    peer.port(),
                    callId,
                    1,
                    branch,
                    List.of("Contact: <sip:alice@127.0.0.1:" + peer.port() + ">"),
                    null);
            peer.send(invite, port);
            RawSip.Msg ringing = peer.receiveStatusAtLeast(101, WAIT);
            assertNotNull(ringing);
            assertEquals(180, ringing.status());

            peer.send(
                    RawSip.request(
                            "CANCEL", "sip:sb@127.0.0.1:" + port, "UDP", peer.port(), callId, 1, branch, null, null),
                    port);
            RawSip.Msg a = peer.receiveStatusAtLeast(200, WAIT);
            RawSip.Msg b = peer.receiveStatusAtLeast(200, WAIT);
            assertNotNull(a);
            assertNotNull(b);
            RawSip.Msg cancelOk = a.header("CSeq").endsWith("CANCEL") ? a : b;
            RawSip.Msg inviteFinal = cancelOk == a ? b : a;
            assertEquals("1 CANCEL", cancelOk.header("CSeq"));
            assertEquals(200, cancelOk.status());
            assertEquals("1 INVITE", inviteFinal.header("CSeq"));
            assertEquals(487, inviteFinal.status());
            assertEquals(ringing.tag("To"), inviteFinal.tag("To"));
            // ACK the 487 (same branch: it belongs to the INVITE transaction), or it is retransmitted
            peer.send(
                    "ACK sip:sb@127.0.0.1:" + port + " SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=" + branch + ";rport\r\n"
                            + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1:" + peer.port() + ">;tag=from1\r\n"
                            + "To: <sip:sb@127.0.0.1:" + port + ">;tag=" + inviteFinal.tag("To") + "\r\n"
                            + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n",
                    port);

            SipServerExchange cancel = cancels.poll(WAIT, TimeUnit.MILLISECONDS);
            assertNotNull(cancel, "the route still sees the CANCEL");
            assertTrue(cancel.finalResponseSent());
            assertNull(
                    peer.receive(800),
                    "no 481 from the route (the CANCEL was answered), no 487 retransmission (ACKed)");

            // a CANCEL matching nothing is the route's
            peer.send(
                    RawSip.request(
                            "CANCEL",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            null,
                            null),
                    port);
            RawSip.Msg unmatched = peer.receive(WAIT);
            assertNotNull(unmatched);
            assertEquals(481, unmatched.status());
        }
    }

    @Test
    void routeWithoutAnswerGetsDefaultStatusWithWarning() throws Exception {
        int port = RawSip.freePort();
        int port2 = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setProperty("unused", constant(1));
                from("sip:127.0.0.1:" + port2 + "?transports=udp&defaultStatus=404")
                        .setProperty("unused", constant(1));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            sendOptions(peer, port, 1);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(500, r.status(), r.text);
            assertEquals("399 127.0.0.1 \"route ended without a reply\"", r.header("Warning"));

            peer.send(
                    RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port2,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            null,
                            null),
                    port2);
            r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(404, r.status(), r.text);
        }
    }

    @Test
    void routeThatThrowsGets500WithTheExceptionMessage() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .throwException(new IllegalStateException("database \"users\" is down"));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            sendOptions(peer, port, 1);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(500, r.status(), r.text);
            assertEquals("399 127.0.0.1 \"database 'users' is down\"", r.header("Warning"));
        }
    }

    @Test
    void deferredReplyIsSentLaterThroughSipServerExchange() throws Exception {
        int port = RawSip.freePort();
        BlockingQueue<SipServerExchange> parked = new ArrayBlockingQueue<>(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .setProperty(SipHeaders.REPLY_DEFERRED, constant(true))
                        .process(e -> parked.add(e.getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class)));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(
                    RawSip.request(
                            "MESSAGE",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            null,
                            "x"),
                    port);
            SipServerExchange server = parked.poll(WAIT, TimeUnit.MILLISECONDS);
            assertNotNull(server);
            assertNull(peer.receive(300), "nothing is sent when the reply is deferred");
            assertEquals("MESSAGE", server.request().method());
            Thread other = new Thread(() -> server.respond(
                    202,
                    "Later",
                    Map.of("X-Who", List.of("thread")),
                    "text/plain",
                    "done".getBytes(StandardCharsets.UTF_8)));
            other.start();
            other.join(WAIT);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(202, r.status());
            assertEquals("Later", r.reason());
            assertEquals("thread", r.header("X-Who"));
            assertEquals("done", r.body);
            assertEquals(server.localTag(), r.tag("To"));
            assertTrue(server.finalResponseSent());
        }
    }

    @Test
    void malformedRequestsGet400AndTheServerKeepsServing() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String badCSeq = RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            null,
                            null)
                    .replace("CSeq: 1 OPTIONS", "CSeq: abc OPTIONS");
            peer.send(badCSeq, port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "unparsable request with Via/From/To/Call-ID/CSeq lines gets an answer");
            assertEquals(400, r.status(), r.text);
            assertTrue(r.reason().startsWith("Bad Request ("), r.reason());
            // a well-formed answer: one status line, the request's Call-ID, Content-Length in the header block
            String head = r.text.substring(0, r.text.indexOf("\r\n\r\n"));
            assertFalse(head.contains("\n\n") || head.contains("\r\n\r\n"), r.text);
            assertTrue(head.contains("Content-Length: 0"), r.text);
            assertTrue(
                    head.contains(badCSeq.lines()
                            .filter(l -> l.startsWith("Call-ID"))
                            .findFirst()
                            .orElseThrow()),
                    r.text);
            assertNotNull(r.tag("To"));

            String noMaxForwards = RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            2,
                            RawSip.branch(),
                            null,
                            null)
                    .replace("Max-Forwards: 70\r\n", "");
            peer.send(noMaxForwards, port);
            r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(400, r.status(), r.text);
            assertTrue(r.reason().contains("Max-Forwards"), r.reason());

            String methodMismatch = RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + port,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            3,
                            RawSip.branch(),
                            null,
                            null)
                    .replace("CSeq: 3 OPTIONS", "CSeq: 3 INVITE");
            peer.send(methodMismatch, port);
            r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(400, r.status(), r.text);
            assertNotNull(r.tag("To"), "RFC 3261 8.2.6.2: a To tag on the 400");

            sendOptions(peer, port, 4);
            r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(200, r.status(), r.text);
        }
        // the bad MESSAGE, and possibly its body read as a message of its own before the close
        assertTrue(
                stats(port).malformedMessages() >= 3, "malformed=" + stats(port).malformedMessages());
    }

    @Test
    void garbageIsDroppedAndCounted() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send("this is not SIP at all\r\n\r\n", port);
            byte[] noise = new byte[300];
            new Random(42).nextBytes(noise);
            peer.send(noise, port);
            // a request cut off in the middle of its headers
            String full = RawSip.request(
                    "OPTIONS",
                    "sip:sb@127.0.0.1:" + port,
                    "UDP",
                    peer.port(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    null,
                    null);
            peer.send(full.substring(0, full.indexOf("Call-ID")), port);
            assertNull(peer.receive(500), "garbage gets no answer");
            assertTrue(
                    await(() -> stats(port).malformedMessages() == 3, WAIT),
                    "malformed=" + stats(port).malformedMessages());

            peer.send(full, port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(200, r.status());
        }
        assertEquals(1, stats(port).requestsReceived());
    }

    @Test
    void tcpWorksAndAnswersUnparsableRequestsWith400() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<String> transport = new AtomicReference<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=tcp")
                        .process(e -> transport.set(e.getIn().getHeader(SipHeaders.TRANSPORT, String.class)))
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        String uri = "sip:sb@127.0.0.1:" + port + ";transport=tcp";
        try (RawSip.Tcp tcp = new RawSip.Tcp(port)) {
            tcp.send(RawSip.request(
                    "OPTIONS", uri, "TCP", tcp.localPort(), RawSip.newCallId(), 1, RawSip.branch(), null, null));
            RawSip.Msg r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r, "no response over TCP");
            assertEquals(200, r.status(), r.text);
            assertEquals("tcp", transport.get());

            tcp.send(RawSip.request(
                            "OPTIONS", uri, "TCP", tcp.localPort(), RawSip.newCallId(), 2, RawSip.branch(), null, null)
                    .replace("CSeq: 2 OPTIONS", "CSeq: two OPTIONS"));
            r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r, "no 400 over TCP");
            assertEquals(400, r.status(), r.text);
            assertTrue(r.reason().startsWith("Bad Request ("), r.reason());

            tcp.send(RawSip.request(
                            "OPTIONS", uri, "TCP", tcp.localPort(), RawSip.newCallId(), 3, RawSip.branch(), null, null)
                    .replace("CSeq: 3 OPTIONS", "CSeq: 3 INVITE"));
            r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r, "no 400 for a CSeq method mismatch over TCP");
            assertEquals(400, r.status(), r.text);
            assertNotNull(r.tag("To"));

            tcp.send(RawSip.request(
                    "OPTIONS", uri, "TCP", tcp.localPort(), RawSip.newCallId(), 4, RawSip.branch(), null, null));
            r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r, "the connection keeps serving after bad requests without a body");
            assertEquals(200, r.status(), r.text);

            assertEquals(2, stats(port).malformedMessages());
            // with a body the stream cannot be resynchronised: 400, then JAIN-SIP closes the connection
            tcp.send(RawSip.request(
                            "MESSAGE",
                            uri,
                            "TCP",
                            tcp.localPort(),
                            RawSip.newCallId(),
                            5,
                            RawSip.branch(),
                            List.of("Content-Type: text/plain"),
                            "body text")
                    .replace("CSeq: 5 MESSAGE", "CSeq: x MESSAGE"));
            r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r);
            assertEquals(400, r.status(), r.text);
            assertTrue(tcp.closedWithin(WAIT), "connection closed");
        }
        try (RawSip.Tcp tcp = new RawSip.Tcp(port)) {
            tcp.send(RawSip.request(
                    "OPTIONS", uri, "TCP", tcp.localPort(), RawSip.newCallId(), 6, RawSip.branch(), null, null));
            RawSip.Msg r = tcp.receiveStatusAtLeast(200, WAIT);
            assertNotNull(r, "the server still serves new connections");
            assertEquals(200, r.status(), r.text);
        }
        // the bad MESSAGE, and possibly its body read as a message of its own before the close
        assertTrue(
                stats(port).malformedMessages() >= 3, "malformed=" + stats(port).malformedMessages());
    }

    @Test
    void twoConnectorsOnDifferentPortsCoexist() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip://127.0.0.1:" + portA).setHeader(SipHeaders.STATUS, constant(200));
                from("sip:127.0.0.1:" + portB + "?transports=udp")
                        .setHeader(SipHeaders.STATUS, constant(486))
                        .setHeader(SipHeaders.REASON, constant("Busy Here Now"));
            }
        });
        assertEquals(2, component.statistics().size());
        try (RawSip.Udp peer = new RawSip.Udp()) {
            for (int i = 0; i < 3; i++) {
                peer.send(
                        RawSip.request(
                                "OPTIONS",
                                "sip:a@127.0.0.1:" + portA,
                                "UDP",
                                peer.port(),
                                RawSip.newCallId(),
                                1,
                                RawSip.branch(),
                                null,
                                null),
                        portA);
                RawSip.Msg a = peer.receive(WAIT);
                assertNotNull(a);
                assertEquals(200, a.status());
                peer.send(
                        RawSip.request(
                                "OPTIONS",
                                "sip:b@127.0.0.1:" + portB,
                                "UDP",
                                peer.port(),
                                RawSip.newCallId(),
                                1,
                                RawSip.branch(),
                                null,
                                null),
                        portB);
                RawSip.Msg b = peer.receive(WAIT);
                assertNotNull(b);
                assertEquals(486, b.status());
                assertEquals("Busy Here Now", b.reason());
            }
        }
        assertEquals(
                List.of("tcp", "udp"),
                stats(portA).transports().stream().sorted().toList());
        assertEquals(3, stats(portA).requestsReceived());
        assertEquals(3, stats(portB).requestsReceived());
    }

    /** A route on {@code port} that answers 200 to every request; the list gets the Call-ID of each it saw. */
    private List<String> answering200(int port) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> seen.add(e.getIn().getHeader(SipHeaders.CALL_ID, String.class)))
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        return seen;
    }

    @Test
    void requestRetransmissionIsAbsorbedByTheTransaction() throws Exception {
        int port = RawSip.freePort();
        List<String> seen = answering200(port);
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String req = RawSip.request(
                    "MESSAGE",
                    "sip:sb@127.0.0.1:" + port,
                    "UDP",
                    peer.port(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    null,
                    null);
            peer.send(req, port);
            RawSip.Msg first = peer.receive(WAIT);
            assertNotNull(first);
            peer.send(req, port);
            RawSip.Msg second = peer.receive(WAIT);
            assertNotNull(second, "the retransmission gets the same response again");
            assertEquals(first.tag("To"), second.tag("To"));
        }
        assertEquals(1, seen.size(), "the route sees the request once");
    }

    /**
     * A transaction keeps none of its request after the final response (RELEASE_REFERENCES_STRATEGY Aggressive): a
     * retransmission from an RFC 2543 peer, whose Via has no branch, is matched without it, and the platform serves
     * what comes next.
     */
    @Test
    void retransmissionWithoutBranchAfterTheFinalResponse() throws Exception {
        int port = RawSip.freePort();
        List<String> seen = answering200(port);
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = RawSip.newCallId();
            String req = RawSip.request(
                            "MESSAGE", "sip:sb@127.0.0.1:" + port, "UDP", peer.port(), callId, 1, "x", null, null)
                    .replace(";branch=x", "");
            peer.send(req, port);
            RawSip.Msg first = peer.receive(WAIT);
            assertNotNull(first);
            assertEquals(200, first.status());
            peer.send(req, port);
            RawSip.Msg second = peer.receive(WAIT);
            assertNotNull(second, "the retransmission gets the response again");
            assertEquals(200, second.status());
            assertEquals(first.tag("To"), second.tag("To"), "the same response, not a second answer of the route");
            String next = RawSip.request(
                    "MESSAGE", "sip:sb@127.0.0.1:" + port, "UDP", peer.port(), callId, 2, RawSip.branch(), null, null);
            peer.send(next, port);
            RawSip.Msg third = peer.receive(WAIT);
            assertNotNull(third, "a new request is served");
            assertEquals(200, third.status());
        }
        assertEquals(2, seen.size(), "the route sees the first request and the new one, not the retransmission");
    }

    @Test
    void exchangeCarriesTheServerExchange() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<Exchange> ex = new AtomicReference<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(ex::set)
                        .to("sip:reply?code=603");
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            sendOptions(peer, port, 1);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(603, r.status(), "final sent through sip:reply");
            assertNull(peer.receive(300), "nothing more at route end");
        }
        SipServerExchange server = ex.get().getProperty(SipHeaders.SERVER_EXCHANGE, SipServerExchange.class);
        assertTrue(server.finalResponseSent());
    }

    /** A plain OPTIONS (new Call-ID and branch, no extra headers) from {@code peer} to the consumer on {@code port}. */
    private static void sendOptions(RawSip.Udp peer, int port, long cseq) throws Exception {
        peer.send(
                RawSip.request(
                        "OPTIONS",
                        "sip:sb@127.0.0.1:" + port,
                        "UDP",
                        peer.port(),
                        RawSip.newCallId(),
                        cseq,
                        RawSip.branch(),
                        null,
                        null),
                port);
    }
}
