package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Out-of-dialog OPTIONS over UDP are answered without a server transaction (endpoint option {@code stateless}):
 * the stack keeps nothing for Timer J, and a retransmission runs the route again. Other answered requests keep their
 * transaction for the endpoint's {@code waitTimer} (5 s).
 */
class StatelessAnswerTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private final AtomicInteger routed = new AtomicInteger();

    private int startAnswering200(String options) throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp" + options)
                        .process(e -> routed.incrementAndGet())
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .setHeader("SipHeader.Allow", constant("OPTIONS, REGISTER"));
            }
        });
        return port;
    }

    private static String request(String method, RawSip.Udp peer, int port, String callId, String branch) {
        return RawSip.request(
                method, "sip:sb@127.0.0.1:" + port, "UDP", peer.port(), callId, 1, branch, List.of(), null);
    }

    /** The same request twice (one branch: a retransmission); both must get a 200 naming that branch. */
    private static List<RawSip.Msg> sendTwice(String method, RawSip.Udp peer, int port) throws Exception {
        String callId = RawSip.newCallId();
        String branch = RawSip.branch();
        List<RawSip.Msg> answers = new ArrayList<>();
        for (int copy = 1; copy <= 2; copy++) {
            peer.send(request(method, peer, port, callId, branch), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "no response to copy " + copy);
            assertEquals(200, r.status(), r.text);
            assertTrue(r.header("Via").contains(branch), r.text);
            answers.add(r);
        }
        return answers;
    }

    private SipConnector connector(int port) {
        return (SipConnector) stats(port);
    }

    @Test
    void optionsIsAnsweredWithoutATransactionAndItsRetransmissionIsAnsweredAgain() throws Exception {
        int port = startAnswering200("");
        try (RawSip.Udp peer = new RawSip.Udp()) {
            for (RawSip.Msg r : sendTwice("OPTIONS", peer, port)) {
                assertEquals("1 OPTIONS", r.header("CSeq"));
                assertNotNull(r.tag("To"), r.text);
                assertTrue(r.header("Allow").matches("OPTIONS, ?REGISTER"), r.text);
            }
            assertEquals(2, routed.get(), "a stateless retransmission is a new request for the route");
            assertEquals(0, connector(port).serverTransactionCount(), "no server transaction is kept");
            assertTrue(
                    await(() -> stats(port).responsesSent() == 2, WAIT),
                    "responsesSent=" + stats(port).responsesSent());
        }
    }

    @Test
    void registerKeepsItsTransactionAndItsRetransmissionIsAbsorbed() throws Exception {
        int port = startAnswering200("");
        try (RawSip.Udp peer = new RawSip.Udp()) {
            sendTwice("REGISTER", peer, port);
            assertEquals(1, routed.get(), "the transaction answers the retransmission itself");
            assertEquals(1, connector(port).serverTransactionCount());
        }
    }

    @Test
    void anEmptyListGivesOptionsATransactionToo() throws Exception {
        int port = startAnswering200("&stateless=");
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(request("OPTIONS", peer, port, RawSip.newCallId(), RawSip.branch()), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r, "no response");
            assertEquals(200, r.status(), r.text);
            assertEquals(1, connector(port).serverTransactionCount());
        }
    }

    @Test
    void anAnsweredTransactionStaysTheWaitTimerThenARetransmissionIsANewRequest() throws Exception {
        int port = startAnswering200("&waitTimer=300");
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = RawSip.newCallId();
            String branch = RawSip.branch();
            peer.send(request("REGISTER", peer, port, callId, branch), port);
            RawSip.Msg first = peer.receive(WAIT);
            assertNotNull(first, "no response");
            assertEquals(200, first.status(), first.text);
            assertEquals(1, connector(port).serverTransactionCount(), "the answered transaction stays a while");
            assertTrue(
                    await(() -> connector(port).serverTransactionCount() == 0, WAIT),
                    "the transaction is gone after its wait timer (300 ms, one tick of T1)");
            peer.send(request("REGISTER", peer, port, callId, branch), port);
            RawSip.Msg late = peer.receive(WAIT);
            assertNotNull(late, "a late retransmission is answered");
            assertEquals(200, late.status(), late.text);
            assertEquals(2, routed.get(), "a retransmission after the wait timer runs the route again");
        }
    }

    @Test
    void theWaitTimerIsFiveSecondsAndAtMostTimerJ() {
        SipEndpoint endpoint = new SipEndpoint("sip:127.0.0.1:5060", new SipComponent());
        endpoint.setHost("127.0.0.1");
        assertEquals(5000, endpoint.connectorConfig().waitTimer(), "Kamailio's wt_timer");
        endpoint.setWaitTimer(32000);
        assertEquals(32000, endpoint.connectorConfig().waitTimer(), "RFC 3261's Timer J over UDP");
        endpoint.setWaitTimer(32001);
        assertThrows(IllegalArgumentException.class, endpoint::connectorConfig);
        endpoint.setWaitTimer(0);
        assertThrows(IllegalArgumentException.class, endpoint::connectorConfig);
    }

    @Test
    void inviteCannotBeStateless() {
        SipEndpoint endpoint = new SipEndpoint("sip:127.0.0.1:5060", new SipComponent());
        endpoint.setHost("127.0.0.1");
        endpoint.setStateless("OPTIONS,INVITE");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, endpoint::connectorConfig);
        assertTrue(e.getMessage().contains("INVITE"), e.getMessage());
    }
}
