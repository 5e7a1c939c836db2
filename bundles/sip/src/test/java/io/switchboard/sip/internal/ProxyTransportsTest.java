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
            List<String> calleeHeaders = new ArrayList<>();
            for (String r : rr) {
                calleeHeaders.add("Route: " + r);
            }
            calleeHeaders.add("To: <sip:alice@127.0.0.1>;tag=from1");
            b.send(RawSip.request(
                            "BYE",
                            "sip:alice@127.0.0.1:" + a.port(),
                            "TCP",
                            b.localPort(),
                            callId,
                            1,
                            RawSip.branch(),
                            calleeHeaders,
                            null)
                    .replaceFirst("To: <[^\r]*>\r\n", ""));
            Msg byeAtA = ProxyRelayTest.receiveRequest(a, "BYE", 3000);
            assertNotNull(byeAtA, "the callee's BYE reached the caller over UDP");
            assertNull(byeAtA.header("Route"), byeAtA.text);
            assertTrue(byeAtA.header("Via").startsWith("SIP/2.0/UDP"), byeAtA.text);
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
