package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipRequestSender;
import java.io.Reader;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SipLifecycleTest extends SipTestSupport {

    private static final int WAIT = 3000;

    private static RawSip.Msg options(int port) throws Exception {
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
                            null,
                            null),
                    port);
            return peer.receive(WAIT);
        }
    }

    private static void assertBindable(int port) throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(RawSip.LOOPBACK, port));
                ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(RawSip.LOOPBACK, port));
        }
    }

    /** Live threads of the connector on {@code port}: its stack's workers and its timeout thread. */
    private static long threadsOf(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("switchboard-sip-127.0.0.1-" + port + "-")
                        || n.equals("sip-timeouts-127.0.0.1:" + port))
                .count();
    }

    private static long named(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(name))
                .count();
    }

    @Test
    void contextStopReleasesThePortsAndStartBindsThemAgain() throws Exception {
        int port = RawSip.freePort();
        long scannersBefore = named("EventScannerThread");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port).setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        assertEquals(200, options(port).status());

        assertTrue(threadsOf(port) > 0);
        context.stop();
        assertTrue(component.statistics().isEmpty());
        assertBindable(port);
        assertTrue(await(() -> threadsOf(port) == 0, WAIT), "connector threads left: " + threadsOf(port));
        assertTrue(
                await(() -> named("EventScannerThread") == scannersBefore, WAIT),
                "JAIN-SIP EventScanner thread leaked");

        // Camel drops its components on stop; the platform context adds the (same, DS-registered) one again
        context.addComponent("sip", component);
        context.start();
        assertSame(component, context.getComponent("sip"));
        RawSip.Msg again = options(port);
        assertNotNull(again, "no answer after restart");
        assertEquals(200, again.status());
        assertEquals(1, stats(port).requestsReceived(), "a new connector with fresh counters");
    }

    @Test
    void aStoppedComponentServesANewContext() throws Exception {
        int port = RawSip.freePort();
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(202));
            }
        };
        start(routes);
        assertEquals(202, options(port).status());
        context.stop();
        context = new DefaultCamelContext();
        context.addComponent("sip", component);
        start(routes);
        assertEquals(202, options(port).status());
    }

    @Test
    void stoppingTheLastRouteOfAConnectorFreesItsPorts() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port).routeId("r1").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        assertEquals(1, component.statistics().size());
        context.getRouteController().stopRoute("r1");
        assertTrue(component.statistics().isEmpty());
        assertBindable(port);
        context.getRouteController().startRoute("r1");
        assertEquals(200, options(port).status());
    }

    @Test
    void aPortInUseFailsTheRouteWithAClearMessage() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(RawSip.LOOPBACK, 0))) {
            int port = taken.getLocalPort();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
                }
            });
            Exception e = assertThrows(Exception.class, () -> context.start());
            Throwable t = e;
            boolean found = false;
            while (t != null) {
                found |= String.valueOf(t.getMessage()).contains("Cannot listen on 127.0.0.1:" + port);
                t = t.getCause();
            }
            assertTrue(found, "unexpected failure: " + e);
            assertTrue(component.statistics().isEmpty());
        }
    }

    @Test
    void endpointsOnOneAddressMustAgreeOnConnectorSettings() throws Exception {
        int port = RawSip.freePort();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
                from("direct:x")
                        .to("sip:127.0.0.1:" + port
                                + "?transports=udp,tcp&method=OPTIONS&requestUri=sip:a@127.0.0.1:1");
            }
        });
        Exception e = assertThrows(Exception.class, () -> context.start());
        Throwable t = e;
        boolean found = false;
        while (t != null) {
            found |= String.valueOf(t.getMessage()).contains("already runs with");
            t = t.getCause();
        }
        assertTrue(found, "unexpected failure: " + e);
    }

    /**
     * {@code sip.listener} as {@code etc/io.switchboard.core.cfg} defines it, consumed by a route as routes/sip.xml
     * does, and a sender with the default endpoint of the platform's senders ({@link SipRequestSender#LISTENER}):
     * one connector, so the request leaves from the listener's port (the BYEs, NOTIFYs and USSD requests of the
     * platform come from 5060, where the phones' NATs expect them).
     */
    @Test
    void theDefaultSenderSharesTheConnectorOfTheConfiguredListener() throws Exception {
        Properties cfg = new Properties();
        try (Reader r = Files.newBufferedReader(
                Path.of("../../karaf-assembly/src/main/resources/assembly/etc/io.switchboard.core.cfg"))) {
            cfg.load(r);
        }
        assertTrue(cfg.getProperty("sip.listener", "").startsWith("sip:{{sip.host}}:{{sip.port}}?"), cfg.toString());
        int port = RawSip.freePort();
        cfg.setProperty("sip.host", "127.0.0.1"); // as the itests do: 0.0.0.0 would be another host:port than ours
        cfg.setProperty("sip.port", Integer.toString(port));
        context.getPropertiesComponent().setInitialProperties(cfg);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("{{sip.listener}}").setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        assertEquals(200, options(port).status());
        try (RawSip.Udp phone = new RawSip.Udp()) {
            SipRequestSender sender = new SipRequestSender(context, SipRequestSender.LISTENER);
            sender.send(
                    "MESSAGE",
                    m -> {
                        m.setHeader(SipHeaders.REQUEST_URI, "sip:phone@127.0.0.1:" + phone.port());
                        m.setHeader(SipHeaders.FROM_URI, "sip:platform@example.com");
                        m.setHeader(SipHeaders.TO_URI, "sip:phone@example.com");
                    },
                    (status,
                            reason,
                            dialog) -> {}); // the phone does not answer: only where the request came from counts
            RawSip.Msg request = phone.receive(WAIT);
            assertNotNull(request, "no request from the sender");
            assertTrue(request.header("Via").contains("127.0.0.1:" + port), request.header("Via"));
            assertEquals(1, component.statistics().size(), "one connector: " + component.statistics());
            sender.stop();
        }
        assertEquals(1, stats(port).requestsReceived());
    }

    @Test
    void requestsToAConnectorWithoutRequestConsumerGet503() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x")
                        .to("sip:127.0.0.1:" + port + "?transports=udp&method=OPTIONS&requestUri=sip:a@127.0.0.1:1");
            }
        });
        RawSip.Msg r = options(port);
        assertNotNull(r);
        assertEquals(503, r.status());
        assertTrue(r.header("Warning").contains("no route consumes requests"), r.header("Warning"));
    }

    @Test
    void componentStopAndStartOutsideAContext() throws Exception {
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + port + "?transports=udp")
                        .routeId("r")
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        // what SCR does on bundle stop: deactivate stops the component and every connector
        component.deactivate();
        assertTrue(component.statistics().isEmpty());
        assertBindable(port);
    }
}
