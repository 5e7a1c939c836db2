package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMetricNames;
import io.switchboard.sip.internal.metrics.SipMeterBindingAccess;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SIP meters on the wire: a real connector, raw UDP peers, a Micrometer registry standing for the metrics one. */
class SipTrafficMetersTest extends SipTestSupport {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void noSink() {
        SipTrafficMeters.use(MeterSink.NONE);
    }

    @Test
    void countsRequestsResponsesRetransmissionsAndParseErrorsByMethodAndTransport() throws Exception {
        SipMeterBindingAccess.bind(registry);
        int port = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // stateless= : OPTIONS in a transaction, so that a retransmission is absorbed and counted
                from("sip:127.0.0.1:" + port + "?transports=udp&stateless=")
                        .setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        String listener = "127.0.0.1:" + port;
        try (RawSip.Udp peer = new RawSip.Udp()) {
            String options = RawSip.request(
                    "OPTIONS",
                    "sip:sb@127.0.0.1:" + port,
                    "UDP",
                    peer.port(),
                    RawSip.newCallId(),
                    1,
                    RawSip.branch(),
                    null,
                    null);
            peer.send(options, port);
            assertEquals(200, peer.receive(3000).status());
            peer.send(options, port); // the same branch again: the stack answers from its transaction
            assertEquals(200, peer.receive(3000).status());
            peer.send(options.replace("OPTIONS sip:", "FROB sip:").replace(" OPTIONS", " FROB"), port);
            peer.receive(3000);
            peer.send("garbage\r\n\r\n", port);
        }
        assertTrue(await(() -> count(SipMetricNames.PARSE_ERRORS, "transport", "udp") == 1, 3000));
        assertEquals(2, count(SipMetricNames.REQUESTS_RECEIVED, "method", "OPTIONS", "transport", "udp"));
        assertEquals(1, count(SipMetricNames.REQUESTS_RECEIVED, "method", "other", "listener", listener));
        assertEquals(1, count(SipMetricNames.RETRANSMISSIONS, "method", "OPTIONS", "direction", "received"));
        assertEquals(1, count(SipMetricNames.RESPONSES_SENT, "method", "OPTIONS", "status_class", "2xx"));
        assertNull(registry.find(SipMetricNames.REQUESTS_RECEIVED)
                .tag("method", "FROB")
                .counter());
        Gauge server = registry.find(SipMetricNames.TRANSACTIONS_ACTIVE)
                .tags("listener", listener, "side", "server")
                .gauge();
        assertTrue(server.value() >= 1, "the OPTIONS transaction lingers (Timer J)");

        context.stop();
        assertNull(registry.find(SipMetricNames.TRANSACTIONS_ACTIVE)
                .tags("listener", listener)
                .gauge());
    }

    private double count(String name, String... tags) {
        double sum = 0;
        for (Counter c : registry.find(name).tags(tags).counters()) {
            sum += c.count();
        }
        return sum;
    }
}
