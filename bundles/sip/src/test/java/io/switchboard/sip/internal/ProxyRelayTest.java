package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMetricNames;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.internal.RawSip.Msg;
import io.switchboard.sip.internal.RawSip.Udp;
import io.switchboard.sip.internal.metrics.SipMeterBindingAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Message;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** proxy:relay on the wire: three raw UDP sockets play caller and callees around a proxy on loopback. */
class ProxyRelayTest extends SipTestSupport {

    /** The README's strip snippet: a request whose only Proxy-Require tag is sec-agree is relayed without it. */
    static final String LONE_SEC_AGREE = "${header.SipMessage.headerCount('Proxy-Require')} == 1"
            + " && ${header.SipMessage.header('Proxy-Require')} == 'sec-agree'";

    int port;
    int checkPort;
    ProxyComponent proxy;
    volatile boolean strip;
    final List<String> targets = new CopyOnWriteArrayList<>();
    final BlockingQueue<Integer> failureStatus = new LinkedBlockingQueue<>();
    final List<SipProxyEvent> events = new CopyOnWriteArrayList<>();
    volatile String fallback;
    volatile boolean edit;
    volatile Object ringTime;

    @BeforeEach
    void startProxy() throws Exception {
        port = RawSip.freePort();
        checkPort = RawSip.freePort();
        proxy = new ProxyComponent();
        proxy.addListener(events::add);
        context.addComponent("proxy", proxy);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .process(e -> {
                            if (!targets.isEmpty()) {
                                e.getMessage().setHeader(SipProxyHeaders.TARGETS, new ArrayList<>(targets));
                            }
                            if (ringTime != null) {
                                e.getMessage().setHeader(SipProxyHeaders.INVITE_TIMEOUT, ringTime);
                            }
                            if (edit) {
                                e.getMessage().setHeader(SipProxyHeaders.REMOVE_HEADERS, "Call-Info, X-Gone");
                                e.getMessage()
                                        .setHeader(
                                                SipProxyHeaders.HEADER_PREFIX + "Replaces",
                                                "held-call;to-tag=r;from-tag=a");
                                e.getMessage().setHeader(SipProxyHeaders.REMOVE_RESPONSE_HEADERS, "Call-Info");
                            }
                        })
                        .to("proxy:relay?failureRoute=direct:failure&inviteTimeout=10000");
                // the way calls.xml takes a new call: proxy:check answers through SipStatus, else proxy:relay
                from("sip:127.0.0.1:" + checkPort + "?transports=udp")
                        .choice()
                        .when(PredicateBuilder.and(e -> strip, simple(LONE_SEC_AGREE)))
                        .setHeader(SipProxyHeaders.REMOVE_HEADERS, constant("Proxy-Require"))
                        .end()
                        .to("proxy:check")
                        .choice()
                        .when(header(SipHeaders.STATUS).isNull())
                        .process(e -> e.getMessage().setHeader(SipProxyHeaders.TARGETS, new ArrayList<>(targets)))
                        .to("proxy:relay")
                        .end();
                from("direct:failure")
                        .process(
                                e -> failureStatus.add(e.getMessage().getHeader(SipProxyHeaders.STATUS, Integer.class)))
                        .filter(e -> fallback != null)
                        .process(e -> e.getMessage().setHeader(SipProxyHeaders.TARGETS, fallback))
                        .to("proxy:relay");
            }
        });
    }

    static String invite(String ruri, Udp caller, String callId, String branch, List<String> extra) {
        List<String> lines = new ArrayList<>(List.of("Contact: <sip:alice@127.0.0.1:" + caller.port() + ">"));
        if (extra != null) {
            lines.addAll(extra);
        }
        return RawSip.request("INVITE", ruri, "UDP", caller.port(), callId, 1, branch, lines, null);
    }

    /** A response to {@code req} as a UAS would send it. */
    static String response(Msg req, int status, String reason, String toTag, List<String> extra) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        for (String v : req.all("Via")) {
            sb.append("Via: ").append(v).append("\r\n");
        }
        for (String v : req.all("Record-Route")) {
            sb.append("Record-Route: ").append(v).append("\r\n");
        }
        sb.append("From: ").append(req.header("From")).append("\r\n");
        String to = req.header("To");
        if (toTag != null && !to.contains(";tag=")) {
            to = to + ";tag=" + toTag;
        }
        sb.append("To: ").append(to).append("\r\n");
        sb.append("Call-ID: ").append(req.header("Call-ID")).append("\r\n");
        sb.append("CSeq: ").append(req.header("CSeq")).append("\r\n");
        if (extra != null) {
            for (String e : extra) {
                sb.append(e).append("\r\n");
            }
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return sb.toString();
    }

    static Msg receiveRequest(Udp u, String method, int timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = u.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m == null) {
                return null;
            }
            if (m.status() == 0 && m.method().equals(method)) {
                return m;
            }
        }
        return null;
    }

    /** The first final (non-1xx) response within the time. */
    static Msg receiveFinal(Udp u, int timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = u.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m == null) {
                return null;
            }
            if (m.status() >= 200) {
                return m;
            }
        }
        return null;
    }

    static Msg receiveStatus(Udp u, int status, int timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = u.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m == null) {
                return null;
            }
            if (m.status() == status) {
                return m;
            }
        }
        return null;
    }

    @Test
    void forkedInviteFirst2xxWinsOtherBranchCancelledThenAckAndByeFollowTheRecordRoute() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SipMeterBindingAccess.bind(registry);
        try {
            forkedInviteFirst2xxWins(registry);
        } finally {
            SipTrafficMeters.use(MeterSink.NONE);
        }
    }

    private static double total(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private void forkedInviteFirst2xxWins(SimpleMeterRegistry registry) throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp();
                Udp c = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            targets.add("sip:bob@127.0.0.1:" + c.port());
            String callId = RawSip.newCallId();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);

            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            Msg inviteC = receiveRequest(c, "INVITE", 3000);
            assertNotNull(inviteB, "branch 1 got the INVITE");
            assertNotNull(inviteC, "branch 2 got the INVITE");
            assertEquals("sip:bob@127.0.0.1:" + b.port(), inviteB.requestUri());
            assertEquals("<sip:127.0.0.1:" + port + ";lr>", inviteB.header("Record-Route"));
            assertEquals("69", inviteB.header("Max-Forwards"));
            assertEquals(2, inviteB.values("Via").size(), inviteB.text);
            assertTrue(inviteB.values("Via").get(0).contains("127.0.0.1:" + port), inviteB.text);

            b.send(response(inviteB, 180, "Ringing", "bTag", null), port);
            Msg ringing = receiveStatus(a, 180, 3000);
            assertNotNull(ringing, "180 forwarded upstream");
            assertEquals(1, ringing.values("Via").size(), "our Via removed: " + ringing.text);
            c.send(response(inviteC, 180, "Ringing", "cTag", null), port);

            b.send(
                    response(inviteB, 200, "OK", "bTag", List.of("Contact: <sip:bob@127.0.0.1:" + b.port() + ">")),
                    port);
            Msg ok = receiveStatus(a, 200, 3000);
            assertNotNull(ok, "200 forwarded upstream");
            assertEquals("<sip:127.0.0.1:" + port + ";lr>", ok.header("Record-Route"));

            Msg cancel = receiveRequest(c, "CANCEL", 3000);
            assertNotNull(cancel, "the other branch is CANCELled after the first 2xx");
            assertEquals(2, total(registry, SipMetricNames.PROXY_BRANCHES), "one branch per target");
            // counted after the CANCEL left, so the peer can read it first
            assertTrue(
                    await(() -> total(registry, SipMetricNames.PROXY_CANCELS) == 1, 3000),
                    "cancels=" + total(registry, SipMetricNames.PROXY_CANCELS));
            c.send(response(cancel, 200, "OK", "cTag", null), port);
            c.send(response(inviteC, 487, "Request Terminated", "cTag", null), port);
            assertNotNull(receiveRequest(c, "ACK", 3000), "the 487 of the cancelled branch is ACKed hop by hop");

            // ACK for the 2xx: end to end, through us by the Route of the Record-Route
            String ack = "ACK sip:bob@127.0.0.1:" + b.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + a.port() + ";branch=" + RawSip.branch() + ";rport\r\n"
                    + "Route: <sip:127.0.0.1:" + port + ";lr>\r\nMax-Forwards: 70\r\n"
                    + "From: " + ok.header("From") + "\r\nTo: " + ok.header("To") + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
            a.send(ack, port);
            Msg ackB = receiveRequest(b, "ACK", 3000);
            assertNotNull(ackB, "ACK for 2xx relayed");
            assertNull(ackB.header("Route"), "our Route popped");

            String bye = "BYE sip:bob@127.0.0.1:" + b.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + a.port() + ";branch=" + RawSip.branch() + ";rport\r\n"
                    + "Route: <sip:127.0.0.1:" + port + ";lr>\r\nMax-Forwards: 70\r\n"
                    + "From: " + ok.header("From") + "\r\nTo: " + ok.header("To") + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            a.send(bye, port);
            Msg byeB = receiveRequest(b, "BYE", 3000);
            assertNotNull(byeB, "BYE loose-routed to the callee");
            assertEquals("69", byeB.header("Max-Forwards"));
            b.send(response(byeB, 200, "OK", null, null), port);
            Msg byeOk = receiveStatus(a, 200, 3000);
            assertNotNull(byeOk, "200 to BYE forwarded upstream");
            assertTrue(byeOk.header("CSeq").contains("BYE"));
            assertTrue(
                    await(
                            () -> events.stream()
                                    .anyMatch(e -> e.kind() == SipProxyEvent.Kind.RESPONSE
                                            && "BYE".equals(e.method())
                                            && e.status() == 200),
                            2000),
                    "events: " + events);
        }
    }

    @Test
    void routeHeaderEditsApplyToTheRelayedRequestAndEventsCarryTheMessage() throws Exception {
        edit = true;
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            String callId = RawSip.newCallId();
            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + port,
                            a,
                            callId,
                            RawSip.branch(),
                            List.of("Call-Info: <sip:example.com>;appearance-index=1", "X-Gone: 1", "X-Kept: 2")),
                    port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB, "INVITE relayed");
            assertNull(inviteB.header("Call-Info"), inviteB.text);
            assertNull(inviteB.header("X-Gone"), inviteB.text);
            assertEquals("2", inviteB.header("X-Kept"));
            assertEquals("held-call;to-tag=r;from-tag=a", inviteB.header("Replaces"));
            b.send(
                    response(
                            inviteB,
                            180,
                            "Ringing",
                            "bTag",
                            List.of("Call-Info: <sip:example.com>;appearance-index=2")),
                    port);
            Msg ringing = receiveStatus(a, 180, 3000);
            assertNotNull(ringing);
            assertNull(
                    ringing.header("Call-Info"), "Call-Info removed from the response sent upstream: " + ringing.text);
            b.send(
                    response(
                            inviteB,
                            486,
                            "Busy Here",
                            "bTag",
                            List.of("Call-Info: <sip:example.com>;appearance-index=2")),
                    port);
            Msg busy = receiveStatus(a, 486, 3000);
            assertNotNull(busy);
            assertNull(busy.header("Call-Info"), busy.text);
            assertTrue(
                    await(
                            () -> events.stream()
                                    .anyMatch(e -> e.kind() == SipProxyEvent.Kind.RESPONSE
                                            && e.status() == 180
                                            && e.message() != null
                                            && e.message().header("Call-Info") != null),
                            2000),
                    "listeners see the Call-Info: " + events);
            assertTrue(
                    await(
                            () -> events.stream()
                                    .anyMatch(e -> e.kind() == SipProxyEvent.Kind.REQUEST
                                            && e.message() != null
                                            && "<sip:example.com>;appearance-index=1"
                                                    .equals(e.message().header("Call-Info"))),
                            2000),
                    "events: " + events);
        } finally {
            edit = false;
        }
    }

    @Test
    void strictRoutedInDialogRequestGetsItsRequestUriFromTheLastRoute() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            String callId = RawSip.newCallId();
            // an RFC 2543 strict router: our Record-Route URI as Request-URI, the remote target last in Route
            String bye = "BYE sip:127.0.0.1:" + port + ";lr SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + a.port() + ";branch=" + RawSip.branch() + ";rport\r\n"
                    + "Route: <sip:bob@127.0.0.1:" + b.port() + ">\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:alice@example.com>;tag=aTag\r\nTo: <sip:bob@example.com>;tag=bTag\r\nCall-ID: "
                    + callId + "\r\n"
                    + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            a.send(bye, port);
            Msg byeB = receiveRequest(b, "BYE", 3000);
            assertNotNull(byeB, "BYE relayed to the remote target of the last Route");
            assertEquals("sip:bob@127.0.0.1:" + b.port(), byeB.requestUri());
            assertNull(byeB.header("Route"), "the used Route is gone: " + byeB.text);
            b.send(response(byeB, 200, "OK", null, null), port);
            assertNotNull(receiveStatus(a, 200, 3000), "200 to BYE forwarded upstream");
        }
    }

    @Test
    void callerCancelReachesEveryBranchAndCallerGets487() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            String callId = RawSip.newCallId();
            String branch = RawSip.branch();
            String inv = invite("sip:bob@127.0.0.1:" + port, a, callId, branch, null);
            a.send(inv, port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB);
            b.send(response(inviteB, 180, "Ringing", "bTag", null), port);
            assertNotNull(receiveStatus(a, 180, 3000));
            a.send(
                    RawSip.request(
                            "CANCEL", "sip:bob@127.0.0.1:" + port, "UDP", a.port(), callId, 1, branch, null, null),
                    port);
            Msg cancelOk = a.receive(3000);
            assertNotNull(cancelOk, "200 to the CANCEL at once");
            assertEquals(200, cancelOk.status(), cancelOk.text);
            assertTrue(cancelOk.header("CSeq").contains("CANCEL"), cancelOk.text);
            Msg cancelB = receiveRequest(b, "CANCEL", 3000);
            assertNotNull(cancelB, "CANCEL propagated to the branch");
            b.send(response(cancelB, 200, "OK", "bTag", null), port);
            Msg early = a.receive(500);
            assertNull(
                    early,
                    "RFC 3261 16.10: no 487 upstream while the branch has not ended: "
                            + (early == null ? "" : early.text));
            b.send(response(inviteB, 487, "Request Terminated", "bTag", null), port);
            Msg terminated = receiveStatus(a, 487, 3000);
            assertNotNull(terminated, "the caller's 487 once the branch's 487 came back");
            assertNotNull(receiveRequest(b, "ACK", 3000), "the branch's 487 is ACKed hop by hop");
            assertTrue(await(
                    () -> events.stream()
                            .anyMatch(e -> e.kind() == SipProxyEvent.Kind.REQUEST && "CANCEL".equals(e.method())),
                    2000));
            assertTrue(
                    await(
                            () -> events.stream()
                                    .anyMatch(e -> e.kind() == SipProxyEvent.Kind.RESPONSE && e.status() == 487),
                            2000),
                    "events: " + events);
            assertNull(
                    failureStatus.poll(500, TimeUnit.MILLISECONDS),
                    "a call the caller cancelled does not reach the failure route");
        }
    }

    /** A UAS that answers the CANCELled INVITE with the CANCEL's Vias (ours only): the caller still gets its 487. */
    @Test
    void a487WithTheCancelsViasStillEndsTheCallersInvite() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            String callId = RawSip.newCallId();
            String branch = RawSip.branch();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, callId, branch, null), port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB);
            b.send(response(inviteB, 180, "Ringing", "bTag", null), port);
            assertNotNull(receiveStatus(a, 180, 3000));
            a.send(
                    RawSip.request(
                            "CANCEL", "sip:bob@127.0.0.1:" + port, "UDP", a.port(), callId, 1, branch, null, null),
                    port);
            Msg cancelB = receiveRequest(b, "CANCEL", 3000);
            assertNotNull(cancelB);
            b.send(response(cancelB, 200, "OK", "bTag", null), port);
            b.send(
                    response(cancelB, 487, "Request Terminated", "bTag", null)
                            .replace("CSeq: 1 CANCEL", "CSeq: 1 INVITE"),
                    port);
            Msg terminated = receiveStatus(a, 487, 3000);
            assertNotNull(terminated, "487 to the caller");
            assertTrue(terminated.header("CSeq").contains("INVITE"), terminated.text);
        }
    }

    @Test
    void everyBranchFailsBestResponseGoesThroughTheFailureRouteAndUpstream() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp();
                Udp c = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            targets.add("sip:bob@127.0.0.1:" + c.port());
            a.send(invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null), port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            Msg inviteC = receiveRequest(c, "INVITE", 3000);
            b.send(response(inviteB, 503, "Service Unavailable", "bTag", null), port);
            c.send(response(inviteC, 486, "Busy Here", "cTag", null), port);
            assertEquals(
                    486, failureStatus.poll(3, TimeUnit.SECONDS), "failure route saw the best status (4xx before 5xx)");
            Msg busy = receiveStatus(a, 486, 3000);
            assertNotNull(busy, "best response sent upstream after the failure route");
            assertEquals("cTag", busy.tag("To"));
        }
    }

    /** Call forwarding on no answer: SipProxyInviteTimeout rings this call shorter than the endpoint's 10 s. */
    @Test
    void inviteTimeoutHeaderCancelsTheRingingBranchEarlierForThisRelayOnly() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            ringTime = "700";
            long start = System.currentTimeMillis();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null), port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB);
            b.send(response(inviteB, 180, "Ringing", "bTag", null), port);
            Msg cancelB = receiveRequest(b, "CANCEL", 3000);
            assertNotNull(cancelB, "the ringing branch was CANCELled after the header's ring time");
            long rang = System.currentTimeMillis() - start;
            assertTrue(rang >= 600 && rang < 3000, "rang " + rang + " ms, not the endpoint's 10000");
            b.send(response(cancelB, 200, "OK", "bTag", null), port);
            b.send(
                    response(cancelB, 487, "Request Terminated", "bTag", null)
                            .replace("CSeq: 1 CANCEL", "CSeq: 1 INVITE"),
                    port);
            assertEquals(408, failureStatus.poll(3, TimeUnit.SECONDS), "the failure route sees the timeout");
        }
    }

    @Test
    void inviteTimeoutHeaderThatIsNoNumberKeepsTheEndpointsTimeout() {
        Message m = new DefaultMessage(new DefaultCamelContext());
        m.setHeader(SipProxyHeaders.INVITE_TIMEOUT, "soon");
        assertEquals(10_000, ProxyInput.inviteTimeout(m, 10_000));
        m.setHeader(SipProxyHeaders.INVITE_TIMEOUT, 0);
        assertEquals(10_000, ProxyInput.inviteTimeout(m, 10_000));
        m.setHeader(SipProxyHeaders.INVITE_TIMEOUT, 4000L);
        assertEquals(4000, ProxyInput.inviteTimeout(m, 10_000));
    }

    @Test
    void failureRouteCanFallBackSeriallyToAnotherTarget() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp();
                Udp c = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            fallback = "sip:voicemail@127.0.0.1:" + c.port();
            a.send(invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null), port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            b.send(response(inviteB, 486, "Busy Here", "bTag", null), port);
            Msg inviteC = receiveRequest(c, "INVITE", 3000);
            assertNotNull(inviteC, "fallback target got the INVITE");
            assertEquals("sip:voicemail@127.0.0.1:" + c.port(), inviteC.requestUri());
            c.send(response(inviteC, 200, "OK", "cTag", List.of("Contact: <sip:vm@127.0.0.1:" + c.port() + ">")), port);
            assertNotNull(receiveStatus(a, 200, 3000), "caller answered by the fallback");
            assertNull(receiveStatus(a, 486, 500), "the busy branch was not sent upstream");
        }
    }

    @Test
    void challengesOfEveryBranchAreMergedIntoTheOneSentUpstream() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp();
                Udp c = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            targets.add("sip:bob@127.0.0.1:" + c.port());
            a.send(invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null), port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            Msg inviteC = receiveRequest(c, "INVITE", 3000);
            assertNotNull(inviteB);
            assertNotNull(inviteC);
            b.send(
                    response(
                            inviteB,
                            401,
                            "Unauthorized",
                            "bTag",
                            List.of("WWW-Authenticate: Digest realm=\"b.example\", nonce=\"nb\", algorithm=MD5")),
                    port);
            assertNotNull(receiveRequest(b, "ACK", 3000));
            c.send(
                    response(
                            inviteC,
                            407,
                            "Proxy Authentication Required",
                            "cTag",
                            List.of("Proxy-Authenticate: Digest realm=\"c.example\", nonce=\"nc\", algorithm=MD5")),
                    port);
            assertNotNull(receiveRequest(c, "ACK", 3000));

            // 401 and 407 are equally good (RFC 3261 16.7 step 6): either may be the one sent, as the two responses
            // can be taken by two stack threads in either order; the other's challenge is merged into it
            Msg up = receiveFinal(a, 10_000);
            assertNotNull(up, "no final response upstream");
            assertTrue(up.status() == 401 || up.status() == 407, up.text);
            assertNotNull(up.header("WWW-Authenticate"), "b's challenge: " + up.text);
            assertTrue(up.header("WWW-Authenticate").contains("b.example"), up.text);
            assertNotNull(up.header("Proxy-Authenticate"), "c's challenge: " + up.text);
            assertTrue(up.header("Proxy-Authenticate").contains("c.example"), up.text);
        }
    }

    @Test
    void maxForwardsZeroGets483() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            String inv = invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null)
                    .replace("Max-Forwards: 70", "Max-Forwards: 0");
            a.send(inv, port);
            Msg m = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(m);
            assertEquals(483, m.status());
            assertNull(receiveRequest(b, "INVITE", 300), "nothing relayed");
        }
    }

    @Test
    void foreignToForeignIsRefused403() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            String inv = invite("sip:bob@other.example.com", a, RawSip.newCallId(), RawSip.branch(), null)
                    .replace("From: <sip:alice@127.0.0.1:", "From: <sip:alice@foreign.example.org:");
            a.send(inv, port);
            Msg m = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(m);
            assertEquals(403, m.status());
            assertNull(receiveRequest(b, "INVITE", 300), "nothing relayed");
        }
    }

    @Test
    void localCallerMayCallAForeignDomain() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            String inv = invite("sip:bob@127.0.0.1:" + b.port(), a, RawSip.newCallId(), RawSip.branch(), null)
                    .replace("To: <sip:bob@127.0.0.1:" + b.port() + ">", "To: <sip:bob@other.example.com>");
            a.send(inv, port);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB, "relayed to the Request-URI (no SipTargets)");
            b.send(response(inviteB, 404, "Not Found", "bTag", null), port);
            assertEquals(404, failureStatus.poll(3, TimeUnit.SECONDS));
        }
    }

    @Test
    void relayAnswers420WithTheUnsupportedTagsOnlyAndRelaysNothing() throws Exception {
        proxy.setSupportedOptionTags("x-one");
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + port,
                            a,
                            RawSip.newCallId(),
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree, x-one", "Require: x-uas-only")),
                    port);
            Msg m = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(m);
            assertEquals(420, m.status(), m.text);
            assertEquals("Bad Extension", m.reason());
            assertEquals(
                    "sec-agree",
                    m.header("Unsupported"),
                    "only the unsupported tag, Require left to the UAS: " + m.text);
            assertNull(receiveRequest(b, "INVITE", 300), "nothing relayed");
        }
    }

    @Test
    void inDialogRequestWithAnUnsupportedTagGets420() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            String bye = "BYE sip:bob@127.0.0.1:" + b.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + a.port() + ";branch=" + RawSip.branch() + ";rport\r\n"
                    + "Route: <sip:127.0.0.1:" + port + ";lr>\r\nMax-Forwards: 70\r\nProxy-Require: sec-agree\r\n"
                    + "From: <sip:alice@example.com>;tag=aTag\r\nTo: <sip:bob@example.com>;tag=bTag\r\n"
                    + "Call-ID: " + RawSip.newCallId() + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            a.send(bye, port);
            Msg m = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(m);
            assertEquals(420, m.status(), m.text);
            assertEquals("sec-agree", m.header("Unsupported"));
            assertNull(receiveRequest(b, "BYE", 300), "nothing relayed");
        }
    }

    @Test
    void aCancelIsNeverCheckedForProxyRequire() throws Exception {
        try (Udp a = new Udp()) {
            a.send(
                    RawSip.request(
                            "CANCEL",
                            "sip:bob@127.0.0.1:" + port,
                            "UDP",
                            a.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree"),
                            null),
                    port);
            Msg m = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(m);
            assertEquals(481, m.status(), "RFC 3261 8.2.2.3: Proxy-Require is ignored in a CANCEL: " + m.text);
        }
    }

    @Test
    void aSupportedTagPassesAndIsRelayedUnchanged() throws Exception {
        proxy.setSupportedOptionTags("path, sec-agree");
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + checkPort,
                            a,
                            RawSip.newCallId(),
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree")),
                    checkPort);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB, "relayed through proxy:check and proxy:relay");
            assertEquals("sec-agree", inviteB.header("Proxy-Require"), inviteB.text);
            b.send(response(inviteB, 486, "Busy Here", "bTag", null), checkPort);
            assertNotNull(receiveStatus(a, 486, 3000));
        }
    }

    @Test
    void proxyCheckAnswers420ThroughSipStatusUnlessTheRouteStripsTheTag() throws Exception {
        try (Udp a = new Udp();
                Udp b = new Udp()) {
            targets.add("sip:bob@127.0.0.1:" + b.port());
            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + checkPort,
                            a,
                            RawSip.newCallId(),
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree")),
                    checkPort);
            Msg refused = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(refused);
            assertEquals(420, refused.status(), refused.text);
            assertEquals("sec-agree", refused.header("Unsupported"));
            assertNull(receiveRequest(b, "INVITE", 300), "nothing relayed");

            strip = true;
            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + checkPort,
                            a,
                            RawSip.newCallId(),
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree, x-other")),
                    checkPort);
            Msg both = a.receiveStatusAtLeast(200, 3000);
            assertNotNull(both);
            assertEquals(420, both.status(), "the snippet strips a lone sec-agree only: " + both.text);
            assertEquals(List.of("sec-agree", "x-other"), both.values("Unsupported"), both.text);

            a.send(
                    invite(
                            "sip:bob@127.0.0.1:" + checkPort,
                            a,
                            RawSip.newCallId(),
                            RawSip.branch(),
                            List.of("Proxy-Require: sec-agree")),
                    checkPort);
            Msg inviteB = receiveRequest(b, "INVITE", 3000);
            assertNotNull(inviteB, "with the tag stripped by the route the INVITE is relayed");
            assertNull(inviteB.header("Proxy-Require"), "and goes on without it: " + inviteB.text);
            b.send(response(inviteB, 486, "Busy Here", "bTag", null), checkPort);
            assertNotNull(receiveStatus(a, 486, 3000));
        } finally {
            strip = false;
        }
    }

    @Test
    void bestResponseOrder() {
        assertTrue(BestResponse.better(603, 486), "6xx first");
        assertTrue(BestResponse.better(302, 486), "lowest class");
        assertTrue(BestResponse.better(486, 503));
        assertTrue(BestResponse.better(407, 486), "401/407/415/420/484 preferred in 4xx");
        assertTrue(BestResponse.better(486, 408), "a timeout is the last 4xx");
        assertFalse(BestResponse.better(486, 480), "tie keeps the first one");
        assertFalse(BestResponse.better(500, 404));
    }
}
