package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.internal.RawSip.Msg;
import io.switchboard.sip.internal.RawSip.Tcp;
import io.switchboard.sip.internal.RawSip.Udp;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A callee on TCP, a caller on UDP: the INVITE reaches the callee over the connection it registered on (its
 * SipProxyDestinations entry) although its contact's port has no listener, gets two Record-Routes (Kamailio's
 * double record-routing, r2=on) and in-dialog requests of both sides pop both and go on the other side's transport.
 */
class ProxyTransportsTest extends SipTestSupport {

    int port;
    /** The port of the contact the callee registers: nobody listens there unless a test does. */
    int deadPort;

    volatile int calleeConnectionPort;

    @BeforeEach
    void startProxy() throws Exception {
        port = RawSip.freePort();
        deadPort = RawSip.freePort();
        context.addComponent("proxy", new ProxyComponent());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp,tcp")
                        .choice()
                        .when(header(SipHeaders.METHOD).isEqualTo("REGISTER"))
                        .setHeader(SipHeaders.STATUS, constant(200))
                        .otherwise()
                        .process(e -> {
                            if (e.getMessage().getHeader(SipHeaders.TO_TAG) == null) {
                                String target = contact();
                                e.getMessage().setHeader(SipProxyHeaders.TARGETS, List.of(target));
                                e.getMessage()
                                        .setHeader(
                                                SipProxyHeaders.DESTINATIONS,
                                                Map.of(
                                                        target,
                                                        "sip:127.0.0.1:" + calleeConnectionPort + ";transport=tcp"));
                            }
                        })
                        .to("proxy:relay");
            }
        });
    }

    String contact() {
        return "sip:bob@127.0.0.1:" + deadPort + ";transport=tcp";
    }

    static Msg next(Tcp t, String methodOrNull, int status) throws Exception {
        for (int i = 0; i < 10; i++) {
            Msg m = t.receive(3000);
            if (m == null) {
                return null;
            }
            if (methodOrNull != null ? m.status() == 0 && m.method().equals(methodOrNull) : m.status() == status) {
                return m;
            }
        }
        return null;
    }

    /** Header values one per element, also when the stack put them on one line separated by commas. */
    static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",(?=\\s*<)")) {
                out.add(part.trim());
            }
        }
        return out;
    }

    @Test
    void udpCallerTcpCalleeOverItsRegistrationConnectionWithTwoRecordRoutes() throws Exception {
        try (Udp a = new Udp();
                Tcp b = new Tcp(port)) {
            calleeConnectionPort = b.localPort();
            b.send(RawSip.request(
                    "REGISTER",
                    "sip:127.0.0.1:" + port,
                    "TCP",
                    b.localPort(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    List.of("Contact: <" + contact() + ">"),
                    null));
            assertNotNull(next(b, null, 200), "registered");

            String callId = RawSip.newCallId();
            a.send(ProxyRelayTest.invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg invite = next(b, "INVITE", 0);
            assertNotNull(invite, "the INVITE came over the connection the callee registered on");
            List<String> rr = split(invite.all("Record-Route"));
            assertEquals(2, rr.size(), invite.text);
            assertTrue(rr.get(0).contains("transport=tcp") && rr.get(0).contains("r2=on"), "callee side first: " + rr);
            assertTrue(!rr.get(1).contains("transport=") && rr.get(1).contains("r2=on"), "caller side (UDP): " + rr);
            assertTrue(invite.header("Via").startsWith("SIP/2.0/TCP"), invite.text);

            b.send(ProxyRelayTest.response(
                    invite,
                    200,
                    "OK",
                    "bTag",
                    List.of("Contact: <sip:bob@127.0.0.1:" + b.localPort() + ";transport=tcp>")));
            Msg ok = ProxyRelayTest.receiveStatus(a, 200, 3000);
            assertNotNull(ok, "200 upstream over UDP");
            assertEquals(rr, split(ok.all("Record-Route")));

            // the caller's BYE: its route set is the Record-Routes reversed; both are ours and popped, TCP onwards
            List<String> callerRoutes = new ArrayList<>(rr);
            Collections.reverse(callerRoutes);
            List<String> byeHeaders = new ArrayList<>();
            for (String r : callerRoutes) {
                byeHeaders.add("Route: " + r);
            }
            byeHeaders.add("To: <sip:bob@127.0.0.1>;tag=bTag");
            String bye = RawSip.request(
                            "BYE",
                            "sip:bob@127.0.0.1:" + b.localPort() + ";transport=tcp",
                            "UDP",
                            a.port(),
                            callId,
                            2,
                            RawSip.branch(),
                            byeHeaders,
                            null)
                    .replaceFirst("To: <[^\r]*>\r\n", "");
            a.send(bye, port);
            Msg byeAtB = next(b, "BYE", 0);
            assertNotNull(byeAtB, "the caller's BYE reached the callee over TCP");
            assertNull(byeAtB.header("Route"), "both Record-Routes popped: " + byeAtB.text);
            b.send(ProxyRelayTest.response(byeAtB, 200, "OK", null, null));
            assertNotNull(ProxyRelayTest.receiveStatus(a, 200, 3000));

            // the callee's BYE: its route set is the Record-Routes in order, callee side first; UDP onwards
            b.send(inDialog(
                    "BYE",
                    "sip:alice@127.0.0.1:" + a.port(),
                    "TCP",
                    b.localPort(),
                    callId,
                    1,
                    rr,
                    "bTag",
                    "<sip:alice@127.0.0.1>;tag=from1"));
            Msg byeAtA = ProxyRelayTest.receiveRequest(a, "BYE", 3000);
            assertNotNull(byeAtA, "the callee's BYE reached the caller over UDP");
            assertNull(byeAtA.header("Route"), byeAtA.text);
            assertTrue(byeAtA.header("Via").startsWith("SIP/2.0/UDP"), byeAtA.text);
        }
    }

    /** Registers {@code b} over its TCP connection with {@link #contact()} (a port where nobody listens). */
    void register(Tcp b) throws Exception {
        calleeConnectionPort = b.localPort();
        b.send(RawSip.request(
                "REGISTER",
                "sip:127.0.0.1:" + port,
                "TCP",
                b.localPort(),
                RawSip.newCallId(),
                1,
                RawSip.branch(),
                List.of("Contact: <" + contact() + ">"),
                null));
        assertNotNull(next(b, null, 200), "registered");
    }

    /**
     * An in-dialog request of a side: {@code routes} as Route, its From tag {@code fromTag} and To {@code to} (the
     * RawSip helper's own From tag and To are replaced).
     */
    static String inDialog(
            String method,
            String requestUri,
            String transport,
            int localPort,
            String callId,
            long cseq,
            List<String> routes,
            String fromTag,
            String to) {
        List<String> headers = new ArrayList<>();
        for (String r : routes) {
            headers.add("Route: " + r);
        }
        headers.add("To: " + to);
        return RawSip.request(method, requestUri, transport, localPort, callId, cseq, RawSip.branch(), headers, null)
                .replaceFirst("To: <[^\r]*>\r\n", "")
                .replaceFirst(";tag=from" + cseq + "\r\n", ";tag=" + fromTag + "\r\n");
    }

    /**
     * A callee whose dialog Contact is not the connection it registered on (behind NAT, or listening nowhere): the
     * caller's ACK and BYE follow the flow token in our Record-Route over that connection; by the Contact they would
     * have gone to a port where nobody listens.
     */
    @Test
    void callersAckAndByeReachACalleeWhoseContactIsNotItsConnectionOverThatConnection() throws Exception {
        try (Udp a = new Udp();
                Tcp b = new Tcp(port)) {
            register(b);
            String callId = RawSip.newCallId();
            a.send(ProxyRelayTest.invite("sip:bob@127.0.0.1:" + port, a, callId, RawSip.branch(), null), port);
            Msg invite = next(b, "INVITE", 0);
            assertNotNull(invite, "the INVITE came over the connection the callee registered on");
            List<String> rr = split(invite.all("Record-Route"));
            assertTrue(rr.get(0).matches("<sip:[A-Za-z0-9_-]+@127\\.0\\.0\\.1:" + port + ";.*"), "a flow token: " + rr);
            b.send(ProxyRelayTest.response(invite, 200, "OK", "bTag", List.of("Contact: <" + contact() + ">")));
            assertNotNull(ProxyRelayTest.receiveStatus(a, 200, 3000), "200 upstream");

            List<String> callerRoutes = new ArrayList<>(rr);
            Collections.reverse(callerRoutes);
            String to = "<sip:bob@127.0.0.1:" + port + ">;tag=bTag";
            a.send(inDialog("ACK", contact(), "UDP", a.port(), callId, 1, callerRoutes, "from1", to), port);
            Msg ack = next(b, "ACK", 0);
            assertNotNull(ack, "the caller's ACK came over the callee's connection");
            assertNull(ack.header("Route"), ack.text);
            assertTrue(ack.header("Via").startsWith("SIP/2.0/TCP"), ack.text);

            a.send(inDialog("BYE", contact(), "UDP", a.port(), callId, 2, callerRoutes, "from1", to), port);
            Msg bye = next(b, "BYE", 0);
            assertNotNull(bye, "the caller's BYE came over the callee's connection");
            assertEquals(contact(), bye.requestUri(), "the Request-URI is still the Contact");
            b.send(ProxyRelayTest.response(bye, 200, "OK", null, null));
            assertNotNull(ProxyRelayTest.receiveStatus(a, 200, 3000), "200 for the BYE upstream");

            // a request with another From tag (not this dialog's caller) does not get the flow: it goes by the Contact
            a.send(inDialog("BYE", contact(), "UDP", a.port(), callId, 3, callerRoutes, "forged", to), port);
            Msg refused = ProxyRelayTest.receiveFinal(a, 5000);
            assertNotNull(refused, "an answer to the BYE the token does not verify");
            assertTrue(refused.status() >= 500, "no flow for it: the Contact refuses the connection\n" + refused.text);
            assertNull(next(b, "BYE", 0), "nothing more over the callee's connection");
        }
    }

    /**
     * A caller on TCP whose Contact is not its connection: the callee's BYE follows the flow token to the caller's
     * connection (the caller side of the token, chosen by the To tag being the caller's From tag).
     */
    @Test
    void calleesByeReachesATcpCallerWhoseContactIsNotItsConnectionOverThatConnection() throws Exception {
        int callerDeadPort = RawSip.freePort();
        try (Tcp b = new Tcp(port);
                Tcp c = new Tcp(port)) {
            register(b);
            String callId = RawSip.newCallId();
            String callerContact = "sip:alice@127.0.0.1:" + callerDeadPort + ";transport=tcp";
            c.send(RawSip.request(
                    "INVITE",
                    "sip:bob@127.0.0.1:" + port,
                    "TCP",
                    c.localPort(),
                    callId,
                    1,
                    RawSip.branch(),
                    List.of("Contact: <" + callerContact + ">"),
                    null));
            Msg invite = next(b, "INVITE", 0);
            assertNotNull(invite, "the INVITE reached the callee");
            List<String> rr = split(invite.all("Record-Route"));
            assertEquals(1, rr.size(), "TCP on both sides: one Record-Route " + rr);
            b.send(ProxyRelayTest.response(invite, 200, "OK", "bTag", List.of("Contact: <" + contact() + ">")));
            assertNotNull(next(c, null, 200), "200 to the caller");

            String to = "<sip:alice@127.0.0.1:" + c.localPort() + ">;tag=from1";
            b.send(inDialog("BYE", callerContact, "TCP", b.localPort(), callId, 1, rr, "bTag", to));
            Msg bye = next(c, "BYE", 0);
            assertNotNull(bye, "the callee's BYE came over the caller's connection");
            assertEquals(callerContact, bye.requestUri());
            c.send(ProxyRelayTest.response(bye, 200, "OK", null, null));
            assertNotNull(next(b, null, 200), "200 for the BYE back at the callee");
        }
    }

    @Test
    void aContactWhoseConnectionIsGoneGetsANewConnectionToItsOwnAddress() throws Exception {
        try (Udp a = new Udp();
                ServerSocket contactListener = new ServerSocket(deadPort, 5, RawSip.LOOPBACK)) {
            try (Tcp gone = new Tcp(port)) {
                calleeConnectionPort = gone.localPort();
                gone.send(RawSip.request(
                        "REGISTER",
                        "sip:127.0.0.1:" + port,
                        "TCP",
                        gone.localPort(),
                        RawSip.newCallId(),
                        1,
                        RawSip.branch(),
                        List.of("Contact: <" + contact() + ">"),
                        null));
                assertNotNull(next(gone, null, 200), "registered");
            }
            Thread.sleep(300); // the stack sees the connection close
            a.send(
                    ProxyRelayTest.invite("sip:bob@127.0.0.1:" + port, a, RawSip.newCallId(), RawSip.branch(), null),
                    port);
            contactListener.setSoTimeout(3000);
            try (Socket fresh = contactListener.accept()) {
                fresh.setSoTimeout(3000);
                byte[] head = fresh.getInputStream().readNBytes(6);
                assertEquals(
                        "INVITE",
                        new String(head, StandardCharsets.US_ASCII),
                        "the INVITE came on a new connection to the contact's address");
            }
        }
    }
}
