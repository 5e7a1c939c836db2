package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipSourceGuard;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The source guard and {@code sip:drop} on real loopback sockets, and the strict checks' answers on the wire. */
class SourceGuardTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private static String options(int port, int from) {
        return RawSip.request(
                "OPTIONS", "sip:sb@127.0.0.1:" + port, "UDP", from, RawSip.newCallId(), 1, RawSip.branch(), null, null);
    }

    @Test
    void theGuardDropsOrForbidsBeforeTheRouteAndIsAskedOnlyForRequests() throws Exception {
        int port = RawSip.freePort();
        AtomicReference<SipSourceGuard.Verdict> verdict = new AtomicReference<>(SipSourceGuard.Verdict.ACCEPT);
        List<String> asked = new CopyOnWriteArrayList<>();
        SipSourceGuard guard = (address, transport) -> {
            asked.add(address + "/" + transport);
            return verdict.get();
        };
        component.setGuard(guard);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(options(port, peer.port()), port);
            assertEquals(200, peer.receive(WAIT).status());
            assertEquals(List.of("127.0.0.1/udp"), asked);

            verdict.set(SipSourceGuard.Verdict.DROP);
            peer.send(options(port, peer.port()), port);
            assertNull(peer.receive(1000), "a dropped request gets no answer");
            assertEquals(1, stats(port).droppedRequests());
            assertEquals(1, stats(port).requestsReceived(), "never reached the route");

            verdict.set(SipSourceGuard.Verdict.FORBID);
            peer.send(options(port, peer.port()), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertNotNull(r);
            assertEquals(403, r.status(), r.text);
            assertEquals("Forbidden", r.reason());
            assertEquals(1, stats(port).requestsReceived());

            component.unsetGuard(guard);
            peer.send(options(port, peer.port()), port);
            assertEquals(200, peer.receive(WAIT).status(), "without a guard every source is served");
        }
    }

    @Test
    void sipDropAnswersNothingAndTheNextRequestIsServed() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .choice()
                        .when(simple("${header.SipUserAgent} == 'scan 1.0'"))
                        .to("sip:drop")
                        .end()
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String scan =
                    options(port, peer.port()).replace("Content-Length", "User-Agent:  scan 1.0 \r\nContent-Length");
            peer.send(scan, port);
            assertNull(peer.receive(1500), "sip:drop sends nothing, and neither does the route's end");
            assertTrue(await(() -> stats(port).droppedRequests() == 1, WAIT));
            peer.send(options(port, peer.port()), port);
            assertEquals(200, peer.receive(WAIT).status());
        }
    }

    @Test
    void strictRefusalsAreAnsweredWithTheirReasonAndTheNextRequestIsServed() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp,tcp").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String ok = options(port, peer.port());
            peer.send(ok.replace("SIP/2.0\r\n", "SIP/3.0\r\n"), port);
            RawSip.Msg r = peer.receive(WAIT);
            assertEquals(505, r.status(), r.text);
            peer.send(ok.replace("Content-Length", "Call-ID: again\r\nContent-Length"), port);
            r = peer.receive(WAIT);
            assertEquals(400, r.status(), r.text);
            assertEquals("Bad Request (Call-ID repeated)", r.reason());
            peer.send(ok.replace("CSeq: 1 OPTIONS", "CSeq: abc OPTIONS"), port);
            r = peer.receive(WAIT);
            assertEquals("Bad Request (malformed CSeq)", r.reason(), "says what is wrong, not what parsed it");
            peer.send(ok, port);
            assertEquals(200, peer.receive(WAIT).status());
        }
        assertEquals(3, stats(port).malformedMessages());
    }
}
