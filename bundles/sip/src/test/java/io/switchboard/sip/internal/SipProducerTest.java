package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class SipProducerTest extends SipTestSupport {

    private static final int WAIT = 3000;

    /** A: answers OPTIONS/MESSAGE 200 with X-Answered-By and a body, records what it got. */
    private RouteBuilder uas(int portA, BlockingQueue<Map<String, Object>> received) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + portA + "?transports=udp")
                        .routeId("uas")
                        .process(e -> {
                            Map<String, Object> h = new HashMap<>(e.getIn().getHeaders());
                            h.put("body", e.getIn().getBody(String.class));
                            received.add(h);
                        })
                        .choice()
                        .when(header(SipHeaders.METHOD).isEqualTo("ACK"))
                        .stop()
                        .end()
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .setHeader("SipHeader.X-Answered-By", constant("A"))
                        .setHeader(SipHeaders.REPLY_CONTENT_TYPE, constant("text/plain"))
                        .process(e -> e.getMessage().setBody("pong"));
            }
        };
    }

    @Test
    void optionsToAnotherConnectorGets200() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        BlockingQueue<Map<String, Object>> atA = new ArrayBlockingQueue<>(10);
        context.addRoutes(uas(portA, atA));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ping")
                        .to("sip:127.0.0.1:" + portB + "?transports=udp&method=OPTIONS&requestUri=sip:bob@127.0.0.1:"
                                + portA);
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        Exchange result = template.request("direct:ping", e -> e.getIn().setBody("ignored: no SipContentType"));
        assertNull(result.getException());
        Message out = result.getMessage();
        assertEquals(200, out.getHeader(SipHeaders.STATUS));
        assertEquals("OK", out.getHeader(SipHeaders.REASON));
        assertEquals("OPTIONS", out.getHeader(SipHeaders.METHOD));
        assertEquals("pong", out.getBody(String.class));
        assertEquals("text/plain", out.getHeader(SipHeaders.CONTENT_TYPE));
        SipMessage response = out.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        assertEquals(200, response.status());
        assertEquals("A", response.header("X-Answered-By"));
        assertNotNull(out.getHeader(SipHeaders.TO_TAG));
        assertEquals("127.0.0.1", out.getHeader(SipHeaders.SOURCE_ADDRESS));
        assertEquals(portA, out.getHeader(SipHeaders.SOURCE_PORT));

        Map<String, Object> req = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(req);
        assertEquals("OPTIONS", req.get(SipHeaders.METHOD));
        assertEquals("sip:bob@127.0.0.1:" + portA, req.get(SipHeaders.REQUEST_URI));
        assertEquals("sip:switchboard@127.0.0.1", req.get(SipHeaders.FROM_URI));
        assertNotNull(req.get(SipHeaders.FROM_TAG));
        assertEquals("sip:bob@127.0.0.1:" + portA, req.get(SipHeaders.TO_URI));
        assertEquals(out.getHeader(SipHeaders.CALL_ID), req.get(SipHeaders.CALL_ID));
        assertEquals(1L, req.get(SipHeaders.CSEQ));
        assertEquals(portB, req.get(SipHeaders.SOURCE_PORT));
        assertNull(req.get("body"), "no body without SipContentType");
        SipMessage sent = (SipMessage) req.get(SipHeaders.MESSAGE);
        assertEquals("70", sent.header("Max-Forwards"));
        assertTrue(sent.header("Via").startsWith("SIP/2.0/UDP 127.0.0.1:" + portB + ";"), sent.header("Via"));

        assertEquals(1, stats(portB).requestsSent());
        assertEquals(1, stats(portB).responsesReceived());
    }

    @Test
    void requestIsBuiltFromHeadersWhenOptionsAreMissingAndOptionsWin() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        BlockingQueue<Map<String, Object>> atA = new ArrayBlockingQueue<>(10);
        context.addRoutes(uas(portA, atA));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:headers").to("sip:127.0.0.1:" + portB + "?transports=udp");
                from("direct:options")
                        .to("sip:127.0.0.1:" + portB + "?transports=udp&method=MESSAGE&from=sip:carol@example.com");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        Exchange result = template.request("direct:headers", e -> {
            e.getIn().setHeader(SipHeaders.METHOD, "MESSAGE");
            e.getIn().setHeader(SipHeaders.REQUEST_URI, "sip:dave@127.0.0.1:" + portA);
            e.getIn().setHeader(SipHeaders.FROM_URI, "\"Eve\" <sip:eve@example.com>;tag=eve1");
            e.getIn().setHeader(SipHeaders.TO_URI, "sip:dave@example.com");
            e.getIn().setHeader("SipHeader.X-Custom", List.of("c1", "c2"));
            e.getIn().setHeader(SipHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8");
            e.getIn().setBody("hello A");
        });
        assertEquals(200, result.getMessage().getHeader(SipHeaders.STATUS));
        Map<String, Object> req = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(req);
        assertEquals("MESSAGE", req.get(SipHeaders.METHOD));
        assertEquals("sip:dave@127.0.0.1:" + portA, req.get(SipHeaders.REQUEST_URI));
        assertEquals("sip:eve@example.com", req.get(SipHeaders.FROM_URI));
        assertEquals("eve1", req.get(SipHeaders.FROM_TAG));
        assertEquals("sip:dave@example.com", req.get(SipHeaders.TO_URI));
        assertEquals(List.of("c1", "c2"), ((SipMessage) req.get(SipHeaders.MESSAGE)).headers("X-Custom"));
        assertEquals("text/plain;charset=UTF-8", req.get(SipHeaders.CONTENT_TYPE));
        assertEquals("hello A", req.get("body"));

        template.request("direct:options", e -> {
            e.getIn().setHeader(SipHeaders.METHOD, "INFO");
            e.getIn().setHeader(SipHeaders.REQUEST_URI, "sip:dave@127.0.0.1:" + portA);
        });
        req = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(req);
        assertEquals("MESSAGE", req.get(SipHeaders.METHOD), "endpoint option wins over header");
        assertEquals("sip:carol@example.com", req.get(SipHeaders.FROM_URI));
        assertNotNull(req.get(SipHeaders.FROM_TAG), "a From tag is added");
    }

    @Test
    void noAnswerCompletesWithLocal408() throws Exception {
        int portB = RawSip.freePort();
        try (RawSip.Udp silent = new RawSip.Udp()) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:timeout")
                            .to("sip:127.0.0.1:" + portB
                                    + "?transports=udp&method=OPTIONS&timeout=400&requestUri=sip:nobody@127.0.0.1:"
                                    + silent.port());
                }
            });
            long t0 = System.nanoTime();
            Exchange result = context.createProducerTemplate().request("direct:timeout", e -> {});
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertNull(result.getException());
            assertEquals(408, result.getMessage().getHeader(SipHeaders.STATUS));
            assertEquals("Request Timeout", result.getMessage().getHeader(SipHeaders.REASON));
            assertNull(result.getMessage().getHeader(SipHeaders.MESSAGE), "no response message for a local 408");
            assertTrue(ms >= 350 && ms < 3000, "took " + ms + " ms");
            RawSip.Msg seen = silent.receive(WAIT);
            assertNotNull(seen, "the request was sent");
            assertEquals("OPTIONS", seen.method());
        }
    }

    @Test
    void transportErrorCompletesWithLocal503() throws Exception {
        int portB = RawSip.freePort();
        int closed = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tcp")
                        .to("sip:127.0.0.1:" + portB
                                + "?transports=tcp&method=OPTIONS&timeout=5000&requestUri=sip:nobody@127.0.0.1:"
                                + closed + ";transport=tcp");
            }
        });
        Exchange result = context.createProducerTemplate().request("direct:tcp", e -> {});
        assertNull(result.getException());
        assertEquals(503, result.getMessage().getHeader(SipHeaders.STATUS));
    }

    @Test
    void missingMethodIsAnExchangeError() throws Exception {
        int portB = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bad").to("sip:127.0.0.1:" + portB + "?transports=udp&requestUri=sip:x@127.0.0.1:1");
            }
        });
        Exchange result = context.createProducerTemplate().request("direct:bad", e -> {});
        assertNotNull(result.getException());
        assertTrue(
                result.getException().getMessage().contains("SipMethod"),
                result.getException().getMessage());
    }

    @Test
    void inDialogRequestIsBuiltFromSipDialog() throws Exception {
        int portB = RawSip.freePort();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:info").to("sip:127.0.0.1:" + portB + "?transports=udp&method=INFO&timeout=3000");
                }
            });
            SipDialog dialog = new SipDialog(
                    "call-77@host",
                    "sip:sb@127.0.0.1:" + portB,
                    "localtag",
                    "sip:bob@example.com",
                    "remotetag",
                    "sip:bob@10.255.255.1:5099",
                    List.of("<sip:127.0.0.1:" + peer.port() + ";lr>", "<sip:proxy2.example.com;lr>"),
                    5);
            ProducerTemplate template = context.createProducerTemplate();
            Future<Exchange> future = template.asyncSend("direct:info", e -> {
                e.setPattern(ExchangePattern.InOut);
                e.getIn().setHeader(SipHeaders.DIALOG, dialog.serialize());
                e.getIn().setHeader("SipHeader.Info-Package", "ussd");
                e.getIn().setHeader(SipHeaders.CONTENT_TYPE, "application/vnd.3gpp.ussd+xml");
                e.getIn().setBody("<ussd-data/>");
            });
            RawSip.Msg req = peer.receive(WAIT);
            assertNotNull(req, "request goes to the first Route (loose routing)");
            assertEquals("INFO", req.method());
            assertEquals("sip:bob@10.255.255.1:5099", req.requestUri());
            assertEquals(
                    List.of("<sip:127.0.0.1:" + peer.port() + ";lr>", "<sip:proxy2.example.com;lr>"),
                    req.values("Route"));
            assertEquals("localtag", req.tag("From"));
            assertTrue(req.header("From").contains("sip:sb@127.0.0.1:" + portB));
            assertEquals("remotetag", req.tag("To"));
            assertTrue(req.header("To").contains("sip:bob@example.com"));
            assertEquals("call-77@host", req.header("Call-ID"));
            assertEquals("6 INFO", req.header("CSeq"));
            assertEquals("70", req.header("Max-Forwards"));
            assertTrue(req.header("Contact").contains("127.0.0.1:" + portB), req.header("Contact"));
            assertEquals("ussd", req.header("Info-Package"));
            assertEquals("<ussd-data/>", req.body);

            peer.send(answer(req, 200, "OK"), portB);
            Exchange result = future.get(WAIT, TimeUnit.MILLISECONDS);
            assertEquals(200, result.getMessage().getHeader(SipHeaders.STATUS));
            SipDialog after = result.getMessage().getHeader(SipHeaders.DIALOG, SipDialog.class);
            assertEquals(6, after.localCSeq(), "the dialog's CSeq advanced");
        }
    }

    /** A response to {@code req} copying Via/From/To/Call-ID/CSeq. */
    static String answer(RawSip.Msg req, int status, String reason) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        for (String v : req.all("Via")) {
            sb.append("Via: ").append(v).append("\r\n");
        }
        sb.append("From: ").append(req.header("From")).append("\r\n");
        String to = req.header("To");
        sb.append("To: ")
                .append(to)
                .append(to.contains(";tag=") ? "" : ";tag=peer")
                .append("\r\n");
        sb.append("Call-ID: ").append(req.header("Call-ID")).append("\r\n");
        sb.append("CSeq: ").append(req.header("CSeq")).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString();
    }

    @Test
    void inviteCreatesADialogIsAckedAndByeIsSentInIt() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        BlockingQueue<Map<String, Object>> atA = new ArrayBlockingQueue<>(10);
        context.addRoutes(uas(portA, atA));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:invite")
                        .to("sip:127.0.0.1:" + portB + "?transports=udp&method=INVITE&requestUri=sip:bob@127.0.0.1:"
                                + portA);
                from("direct:bye").to("sip:127.0.0.1:" + portB + "?transports=udp&method=BYE");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        Exchange invite = template.request("direct:invite", e -> {
            e.getIn().setHeader(SipHeaders.CONTENT_TYPE, "application/sdp");
            e.getIn().setBody("v=0\r\n");
        });
        assertEquals(200, invite.getMessage().getHeader(SipHeaders.STATUS));
        SipDialog dialog = invite.getMessage().getHeader(SipHeaders.DIALOG, SipDialog.class);
        assertNotNull(dialog, "2xx to INVITE gives the UAC dialog");

        Map<String, Object> inviteAtA = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(inviteAtA);
        assertEquals("INVITE", inviteAtA.get(SipHeaders.METHOD));
        assertEquals("sip:127.0.0.1:" + portB, inviteAtA.get(SipHeaders.CONTACT), "our Contact in the INVITE");
        assertEquals("v=0\r\n", inviteAtA.get("body"));
        SipDialog uas = (SipDialog) inviteAtA.get(SipHeaders.DIALOG);
        assertEquals(uas.localTag(), dialog.remoteTag());
        assertEquals(uas.remoteTag(), dialog.localTag());
        assertEquals(uas.callId(), dialog.callId());
        assertTrue(dialog.remoteTarget().contains("127.0.0.1:" + portA), dialog.remoteTarget());
        assertEquals(1, dialog.localCSeq());

        Map<String, Object> ack = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(ack, "the 2xx was ACKed");
        assertEquals("ACK", ack.get(SipHeaders.METHOD));
        assertEquals(1L, ack.get(SipHeaders.CSEQ));
        assertEquals(dialog.remoteTag(), ack.get(SipHeaders.TO_TAG));
        assertNotEquals(null, ack.get(SipHeaders.FROM_TAG));

        Exchange bye = template.request("direct:bye", e -> e.getIn().setHeader(SipHeaders.DIALOG, dialog));
        assertEquals(200, bye.getMessage().getHeader(SipHeaders.STATUS));
        Map<String, Object> byeAtA = atA.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(byeAtA);
        assertEquals("BYE", byeAtA.get(SipHeaders.METHOD));
        assertEquals(2L, byeAtA.get(SipHeaders.CSEQ));
        assertEquals(uas.localTag(), byeAtA.get(SipHeaders.TO_TAG));
        assertEquals(uas.remoteTag(), byeAtA.get(SipHeaders.FROM_TAG));
        assertEquals(dialog.callId(), byeAtA.get(SipHeaders.CALL_ID));
        assertNull(byeAtA.get(SipHeaders.CONTACT), "no Contact in BYE");
        assertNull(atA.poll(300, TimeUnit.MILLISECONDS), "nothing else arrived (no 2xx retransmission, no second ACK)");
    }

    @Test
    void responsesConsumerReceivesResponsesToRequestsTheConnectorSent() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + portA + "?transports=udp")
                        // the stack's worker threads may deliver a 180 and a 200 sent back to back out of
                        // order, and then drop the late 180: ring a moment first, as a phone does
                        .choice()
                        .when(header(SipHeaders.METHOD).isEqualTo("INVITE"))
                        .to("sip:reply?code=180")
                        .process(e -> Thread.sleep(200))
                        .end()
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + portB + "?transports=udp&consume=responses")
                        .to("mock:responses");
                from("direct:send")
                        .to("sip:127.0.0.1:" + portB + "?transports=udp&requestUri=sip:bob@127.0.0.1:" + portA);
            }
        });
        MockEndpoint mock = context.getEndpoint("mock:responses", MockEndpoint.class);
        mock.expectedMessageCount(3);
        ProducerTemplate template = context.createProducerTemplate();
        Exchange options = template.request("direct:send", e -> e.getIn().setHeader(SipHeaders.METHOD, "OPTIONS"));
        assertEquals(200, options.getMessage().getHeader(SipHeaders.STATUS));
        Exchange invite = template.request("direct:send", e -> e.getIn().setHeader(SipHeaders.METHOD, "INVITE"));
        assertEquals(200, invite.getMessage().getHeader(SipHeaders.STATUS));
        mock.assertIsSatisfied(WAIT);
        List<Exchange> got = mock.getReceivedExchanges();
        assertEquals(
                List.of(200, 180, 200),
                got.stream().map(e -> e.getIn().getHeader(SipHeaders.STATUS)).toList());
        assertEquals(
                List.of("OPTIONS", "INVITE", "INVITE"),
                got.stream().map(e -> e.getIn().getHeader(SipHeaders.METHOD)).toList());
        assertEquals(ExchangePattern.InOnly, got.get(0).getPattern());
        assertTrue(got.get(1).getIn().getHeader(SipHeaders.MESSAGE) instanceof SipMessage);
        assertEquals(
                1,
                component.statistics().stream()
                        .filter(s -> s.address().endsWith(":" + portB))
                        .count(),
                "consumer and producer share one connector");
    }
}
