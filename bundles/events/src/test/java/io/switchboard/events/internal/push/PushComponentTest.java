package io.switchboard.events.internal.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventFilter;
import io.switchboard.events.EventsConstants;
import io.switchboard.events.internal.metrics.EventsMeterBindingAccess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** push:notify against a local HTTP server standing in for the push gateway, and push:woken. */
class PushComponentTest {

    private static final String DESK = "sip:bob@10.0.0.1:5060";
    private static final String PHONE = "sip:bob@10.0.0.2:5060;pn-provider=apns;pn-prid=dev\"1,a;pn-param=X.voip";

    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private volatile int status = 202;
    private HttpServer gateway;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/push", x -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        gateway.start();
    }

    private PushService service;

    private void camel(String url) throws Exception {
        service = new PushService(PushConfig.from(Map.of("push_url", url, "wait_seconds", "7")));
        camel = new DefaultCamelContext();
        camel.addComponent("push", new PushComponent(service));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        gateway.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + gateway.getAddress().getPort() + "/push";
    }

    private Exchange notify(List<String> targets) {
        return template.send("push:notify", e -> {
            e.getIn().setHeader("SipTargets", targets);
            e.getIn().setHeader("SipToUri", "sip:bob@example.org:5060");
            e.getIn().setHeader("SipCallId", "c1");
        });
    }

    @Test
    void onePushPerPushCapableContactAndTheOthersStayTargets() throws Exception {
        camel(url());
        Exchange e = notify(List.of(DESK, PHONE));
        String body = bodies.poll(5, TimeUnit.SECONDS);
        assertEquals(
                "{\"provider\":\"apns\",\"prid\":\"dev\\\"1,a\",\"param\":\"X.voip\",\"aor\":\"bob@example.org\","
                        + "\"call_id\":\"c1\",\"from\":\"\"}",
                body);
        assertTrue(bodies.isEmpty(), "one push: the desk phone is not push-capable");
        assertEquals(1, e.getMessage().getHeader(PushHeaders.SENT));
        assertEquals(List.of(DESK), e.getMessage().getHeader("SipTargets"));
        assertEquals("bob@example.org", e.getMessage().getHeader(PushHeaders.AOR));
        assertEquals(7000L, e.getMessage().getHeader(EventsConstants.EVENT_WAIT_MILLIS));
        EventFilter wait = EventFilter.parse(
                "aor=bob@example.org,pn-prid~=" + e.getMessage().getHeader(PushHeaders.DEVICES));
        assertTrue(wait.matches(Map.of("aor", "bob@example.org", "pn-prid", "dev\"1,a")), "the pushed device");
        assertFalse(wait.matches(Map.of("aor", "bob@example.org")), "a desk phone's refresh (no pn-prid)");
        assertFalse(wait.matches(Map.of("aor", "bob@example.org", "pn-prid", "other")), "another device");
    }

    @Test
    void aFailingGatewayIsCountedAndTheCallGoesOnOr480() throws Exception {
        status = 503;
        camel(url());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AutoCloseable meters = EventsMeterBindingAccess.bind(registry, service);
        Exchange e = notify(List.of(DESK, PHONE));
        assertEquals(0, e.getMessage().getHeader(PushHeaders.SENT));
        assertEquals(1, e.getMessage().getHeader(PushHeaders.FAILED));
        assertEquals(1, pushes(registry, "failed"));
        assertEquals(0, pushes(registry, "sent"));
        status = 202;
        notify(List.of(PHONE));
        assertEquals(1, pushes(registry, "sent"));
        meters.close();
        assertNull(registry.find("switchboard.push.notifications").functionCounter());
        status = 503;
        assertEquals(List.of(DESK), e.getMessage().getHeader("SipTargets"));
        assertNull(e.getMessage().getHeader("SipStatus"));
        e = notify(List.of(PHONE));
        assertEquals(480, e.getMessage().getHeader("SipStatus"));
    }

    private static double pushes(SimpleMeterRegistry registry, String outcome) {
        return registry.get("switchboard.push.notifications")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    @Test
    void pushOffLeavesTheCallAlone() throws Exception {
        camel("");
        Exchange e = notify(List.of(DESK, PHONE));
        assertEquals(0, e.getMessage().getHeader(PushHeaders.SENT));
        assertEquals(List.of(DESK, PHONE), e.getMessage().getHeader("SipTargets"));
        assertTrue(bodies.isEmpty());
    }

    @Test
    void aCallWhoseEveryContactWasPushedStartsWithNoBranch() throws Exception {
        camel(url());
        Exchange e = notify(List.of(PHONE));
        assertEquals(1, e.getMessage().getHeader(PushHeaders.SENT));
        assertEquals(List.of(), e.getMessage().getHeader("SipTargets"), "set but empty: the held relay has no branch");
        assertNull(e.getMessage().getHeader("SipStatus"));
    }

    @Test
    void wokenMakesTheRegisteredContactABranchOfTheWaitingCall() throws Exception {
        camel(url());
        Exchange e = template.send("push:woken", x -> {
            x.getIn().setHeader(EventsConstants.EVENT_TIMEOUT, false);
            x.getIn().setHeader("contact", PHONE);
            x.getIn().setHeader("change", "refreshed");
            x.getIn().setHeader("SipCallId", "c1");
        });
        assertEquals(true, e.getMessage().getHeader(PushHeaders.WOKEN));
        assertEquals(List.of(PHONE), e.getMessage().getHeader("SipTargets"));
        assertEquals("c1", e.getMessage().getHeader("SipProxyCallId"));
        e = template.send("push:woken", x -> {
            x.getIn().setHeader(EventsConstants.EVENT_TIMEOUT, false);
            x.getIn().setHeader("contact", PHONE);
            x.getIn().setHeader("change", "removed");
            x.getIn().setHeader("SipCallId", "c1");
        });
        assertEquals(false, e.getMessage().getHeader(PushHeaders.WOKEN), "an un-REGISTER wakes nothing");
        assertNull(e.getMessage().getHeader("SipTargets"));
        e = template.send("push:woken", x -> {
            x.getIn().setHeader(EventsConstants.EVENT_TIMEOUT, true);
            x.getIn().setHeader("SipCallId", "c1");
        });
        assertEquals(false, e.getMessage().getHeader(PushHeaders.WOKEN), "the subscription's time-out");
    }
}
