package io.switchboard.sip.internal;

import static io.switchboard.sip.internal.ProxyRelayTest.invite;
import static io.switchboard.sip.internal.ProxyRelayTest.receiveRequest;
import static io.switchboard.sip.internal.ProxyRelayTest.receiveStatus;
import static io.switchboard.sip.internal.ProxyRelayTest.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.internal.RawSip.Msg;
import io.switchboard.sip.internal.RawSip.Udp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The header tools of proxy:relay on the wire: values removed from multi-valued headers (the sec-agree case), headers
 * added next to those there, a new body with its Content-Length, and the onReply route editing responses.
 */
class ProxyHeaderToolsTest extends SipTestSupport {

    static final String NEW_BODY =
            "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" + "m=audio 4000 RTP/AVP 0\r\n";

    int port;
    final BlockingQueue<Integer> repliesSeen = new LinkedBlockingQueue<>();

    @BeforeEach
    void startProxy() throws Exception {
        port = RawSip.freePort();
        context.addComponent("proxy", new ProxyComponent());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .setHeader(SipProxyHeaders.REMOVE_VALUE_PREFIX + "Require", constant("sec-agree"))
                        .setHeader(SipProxyHeaders.REMOVE_VALUE_PREFIX + "Proxy-Require", constant("sec-agree"))
                        .setHeader(SipProxyHeaders.ADD_HEADER_PREFIX + "Supported", constant("timer"))
                        .process(e ->
                                e.getMessage().setHeader(SipProxyHeaders.BODY, NEW_BODY)) // constant() would trim it
                        .to("proxy:relay?onReply=direct:reply");
                from("direct:reply")
                        .process(e -> repliesSeen.add(e.getMessage().getHeader(SipHeaders.STATUS, Integer.class)))
                        .choice()
                        .when(header(SipHeaders.STATUS).isEqualTo(180))
                        .throwException(new IllegalStateException("a reply route that fails"))
                        .when(header(SipHeaders.STATUS).isEqualTo(200))
                        .setHeader(SipProxyHeaders.REMOVE_HEADERS, constant("X-Secret"))
                        .setHeader(SipProxyHeaders.REMOVE_VALUE_PREFIX + "Require", constant("sec-agree"))
                        .setHeader(SipProxyHeaders.ADD_HEADER_PREFIX + "X-Seen", constant("reply-route"))
                        .process(e -> e.getMessage().setHeader(SipProxyHeaders.BODY, NEW_BODY))
                        .end();
            }
        });
    }

    @Test
    void secAgreeStrippedValuesAddedBodyReplacedAndTheReplyRouteEditsThe200() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            String callId = RawSip.newCallId();
            String offer = "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
            String request = invite(
                            "sip:bob@127.0.0.1:" + b.port(),
                            a,
                            callId,
                            RawSip.branch(),
                            List.of(
                                    "Require: sec-agree, 100rel",
                                    "Proxy-Require: sec-agree",
                                    "Supported: replaces",
                                    "Content-Type: application/sdp"))
                    .replace("Content-Length: 0\r\n\r\n", "Content-Length: " + offer.length() + "\r\n\r\n" + offer);
            a.send(request, port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB, "relayed without a 420 for sec-agree");
            assertEquals(List.of("100rel"), inviteB.all("Require"), inviteB.text);
            assertNull(inviteB.header("Proxy-Require"), inviteB.text);
            assertEquals(
                    "replaces,timer", String.join(",", inviteB.all("Supported")).replace(" ", ""));
            assertEquals(NEW_BODY, inviteB.body);
            assertEquals(
                    String.valueOf(NEW_BODY.getBytes(StandardCharsets.UTF_8).length),
                    inviteB.header("Content-Length"),
                    inviteB.text.replace("\r", "<CR>"));

            b.send(response(inviteB, 180, "Ringing", "bTag", List.of("X-Secret: 1")), port);
            Msg ringing = receiveStatus(a, 180, 3000);
            assertNotNull(ringing, "a failing reply route leaves the response as it was");
            assertEquals("1", ringing.header("X-Secret"));

            String answer = "v=0\r\no=- 9 9 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 7000 RTP/AVP 0 8\r\n";
            String ok = response(
                            inviteB,
                            200,
                            "OK",
                            "bTag",
                            List.of(
                                    "X-Secret: 1",
                                    "Require: sec-agree",
                                    "Contact: <sip:bob@127.0.0.1:" + b.port() + ">",
                                    "Content-Type: application/sdp"))
                    .replace("Content-Length: 0\r\n\r\n", "Content-Length: " + answer.length() + "\r\n\r\n" + answer);
            b.send(ok, port);
            Msg answered = receiveStatus(a, 200, 3000);
            assertNotNull(answered);
            assertNull(answered.header("X-Secret"), answered.text);
            assertNull(answered.header("Require"), "the only value removed, the header with it: " + answered.text);
            assertEquals("reply-route", answered.header("X-Seen"));
            assertEquals(NEW_BODY, answered.body);
            assertEquals(String.valueOf(NEW_BODY.length()), answered.header("Content-Length"));
            assertEquals(180, repliesSeen.poll(1, TimeUnit.SECONDS));
            assertEquals(200, repliesSeen.poll(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void removingOneValueKeepsTheOthersAndQuotedCommas() throws Exception {
        assertEquals(List.of("<sip:a@x>;p=\"1,2\"", "b"), HeaderValues.split(" <sip:a@x>;p=\"1,2\" , b ,"));
        SIPRequest r = (SIPRequest) new StringMsgParser()
                .parseSIPMessage(
                        RawSip.request(
                                        "OPTIONS",
                                        "sip:b@127.0.0.1",
                                        "UDP",
                                        5060,
                                        "c",
                                        1,
                                        RawSip.branch(),
                                        List.of("Require: a, sec-agree", "Require: SEC-AGREE, c"),
                                        null)
                                .getBytes(StandardCharsets.UTF_8),
                        true,
                        false,
                        null);
        HeaderValues.remove(r, "Require", List.of("sec-agree"));
        assertEquals(List.of("a", "c"), new SipMessageAdapter(r).headers("Require"));
    }
}
