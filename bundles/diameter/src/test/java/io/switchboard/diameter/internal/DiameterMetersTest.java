package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import io.switchboard.diameter.internal.metrics.DiameterMeterBindingAccess;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The node's meters over a real loopback connection: CER/CEA, a UAR answered with an Experimental-Result, DWR. */
class DiameterMetersTest {

    private final DiameterDictionary dict = DiameterDictionary.standard();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsRequestsAnswersByResultAndPeersByState() throws Exception {
        int port = Nodes.freePort();
        DiameterService service = new DiameterService();
        service.activate(Map.of(
                "origin.host", "hss.ims.test",
                "origin.realm", "ims.test",
                "port", port,
                "peers", "icscf.ims.test, scscf.ims.test",
                "watchdog.interval", "30"));
        service.register(16777216L, (peer, request) -> {
            DiameterMessage a = request.createAnswer();
            a.add(dict.group(
                    "Experimental-Result",
                    dict.create("Vendor-Id", DiameterResultCodes.VENDOR_3GPP),
                    dict.create("Experimental-Result-Code", DiameterResultCodes.EXP_ERROR_USER_UNKNOWN)));
            return CompletableFuture.completedFuture(a);
        });
        AutoCloseable binding = DiameterMeterBindingAccess.bind(registry, service);
        try (RawPeer p = new RawPeer(port)) {
            assertEquals(2, gauge("closed"));
            p.open("icscf.ims.test");
            p.send(MessageChecksTest.uar(dict));
            DiameterMessage uaa = p.receive();
            assertEquals(300, uaa.commandCode());
            DiameterMessage dwr = DiameterMessage.request(280, 0, false);
            dwr.add(dict.create("Origin-Host", "icscf.ims.test"));
            dwr.add(dict.create("Origin-Realm", "ims.test"));
            p.send(dwr);
            assertEquals(280, p.receive().commandCode());

            assertEquals(1, gauge("open"));
            assertEquals(1, gauge("closed"));
            assertEquals(1, requests("base", "CER", "received"));
            assertEquals(1, answers("base", "CER", "sent", "2001"));
            assertEquals(1, requests("cx", "UAR", "received"));
            assertEquals(1, answers("cx", "UAR", "sent", "exp_5001"));
            assertEquals(1, requests("base", "DWR", "received"));
            assertEquals(1, answers("base", "DWR", "sent", "2001"));

            // a command outside the list (Sh's UDR) on an application outside it: other, 3007 answered
            p.send(new DiameterMessage(0xC0, 306, 16777217, 999, 999)
                    .addAll(MessageChecksTest.uar(dict).avps()));
            assertEquals(306, p.receive().commandCode());
            assertEquals(1, requests("other", "other", "received"));
            assertEquals(1, answers("other", "other", "sent", "3007"));
        } finally {
            binding.close();
            service.deactivate();
        }
        assertNull(registry.find("switchboard.diameter.requests").counter());
        assertNull(registry.find("switchboard.diameter.peers").gauge());
    }

    private double gauge(String state) {
        return registry.get("switchboard.diameter.peers")
                .tag("state", state)
                .gauge()
                .value();
    }

    private double requests(String app, String command, String direction) {
        return registry.get("switchboard.diameter.requests")
                .tags("application", app, "command", command, "direction", direction)
                .counter()
                .count();
    }

    private double answers(String app, String command, String direction, String result) {
        return registry.get("switchboard.diameter.answers")
                .tags("application", app, "command", command, "direction", direction, "result", result)
                .counter()
                .count();
    }
}
