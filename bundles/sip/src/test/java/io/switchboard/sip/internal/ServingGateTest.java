package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipStatistics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The boot gate on real loopback sockets: 503 with Retry-After until the platform is ready, then routed. */
class ServingGateTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private final AtomicInteger routed = new AtomicInteger();

    private static String request(String method, int port, int from, String callId, String branch) {
        List<String> contact = List.of("Contact: <sip:alice@127.0.0.1:" + from + ">");
        return RawSip.request(method, "sip:sb@127.0.0.1:" + port, "UDP", from, callId, 1, branch, contact, null);
    }

    private int startRoute() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> routed.incrementAndGet())
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        return port;
    }

    @Test
    void beforeThePlatformIsReadyEveryRequestGets503WithRetryAfterAndNoneIsRouted() throws Exception {
        component.activate(); // SCR, no platform-ready service yet
        int port = startRoute();
        SipStatistics connector = stats(port);
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String callId = null;
            String branch = null;
            for (String method : new String[] {"OPTIONS", "REGISTER", "INVITE"}) {
                callId = RawSip.newCallId();
                branch = RawSip.branch();
                peer.send(request(method, port, peer.port(), callId, branch), port);
                RawSip.Msg r = peer.receive(WAIT);
                assertNotNull(r, method + " unanswered");
                assertEquals(503, r.status(), r.text);
                assertEquals("Service Unavailable", r.reason());
                assertEquals(Integer.toString(ServingGate.RETRY_AFTER_SECONDS), r.header("Retry-After"), r.text);
                assertTrue(r.header("Warning").contains(ServingGate.WARNING), r.header("Warning"));
            }
            // the INVITE's ACK ends its transaction (no more 503 retransmissions); a stray ACK is answered by nobody
            peer.send(request("ACK", port, peer.port(), callId, branch), port);
            peer.send(request("ACK", port, peer.port(), RawSip.newCallId(), RawSip.branch()), port);
            assertNull(peer.receive(1000), "an ACK is never answered");
            assertEquals(0, routed.get(), "nothing reached the route before the platform was ready");

            component.bindPlatformReady(() -> true);
            peer.send(request("OPTIONS", port, peer.port(), RawSip.newCallId(), RawSip.branch()), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(200, r.status(), r.text);
            assertEquals(1, routed.get());
            assertSame(connector, stats(port), "the same connector serves: it was not restarted");
            assertEquals(5, connector.requestsReceived(), "the INVITE's ACK ends in its transaction");
        }
    }

    @Test
    void aPlatformReadyBeforeTheComponentActivatesServesAtOnce() throws Exception {
        component.bindPlatformReady(() -> true); // SCR binds the dynamic references before it activates
        component.activate();
        int port = startRoute();
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(request("OPTIONS", port, peer.port(), RawSip.newCallId(), RawSip.branch()), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(200, r.status(), r.text);
            assertEquals(1, routed.get());
        }
    }

    @Test
    void aConnectorOpenedBySendersBeforeTheListenerRouteAlsoSaysThePlatformIsStarting() throws Exception {
        component.activate();
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x")
                        .to("sip:127.0.0.1:" + port + "?transports=udp&method=OPTIONS&requestUri=sip:a@127.0.0.1:1");
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(request("OPTIONS", port, peer.port(), RawSip.newCallId(), RawSip.branch()), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(503, r.status());
            assertEquals(Integer.toString(ServingGate.RETRY_AFTER_SECONDS), r.header("Retry-After"), r.text);
            assertTrue(r.header("Warning").contains(ServingGate.WARNING), r.header("Warning"));

            component.bindPlatformReady(() -> true);
            peer.send(request("OPTIONS", port, peer.port(), RawSip.newCallId(), RawSip.branch()), port);
            r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(503, r.status());
            assertTrue(r.header("Warning").contains("no route consumes requests"), r.header("Warning"));
        }
    }
}
