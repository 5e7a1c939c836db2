package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.esl.EslConstants;
import io.switchboard.esl.EslException;
import io.switchboard.esl.internal.metrics.EslMeterBindingAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbound client against the FreeSWITCH double: auth, api, bgapi, events, reconnection, garbage. */
class InboundTest {

    private FreeSwitchDouble fs;
    private CamelContext camel;
    private EslComponent esl;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        fs = new FreeSwitchDouble("ClueCon");
        camel = new DefaultCamelContext();
        esl = new EslComponent();
        esl.configure(
                Map.of("reconnect.min", "0.1", "reconnect.max", "0.4", "connect.timeout", "2", "api.timeout", "2"));
        esl.addServer(ServerDefinition.of("default", "127.0.0.1", fs.port(), "ClueCon"));
        camel.addComponent("esl", esl);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        fs.close();
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void apiReturnsTheOutputAndErrBecomesAnException() {
        String out = template.requestBody("esl:api", "status", String.class);
        assertTrue(out.startsWith("UP 0 years"), out);
        assertEquals("auth ClueCon", fs.current().commands().get(0));
        Exchange e = template.request("esl:api?command=uuid_kill 1234", x -> {});
        EslException x = assertInstanceOf(EslException.class, e.getException());
        assertEquals("-ERR No such channel!", x.reply());
        assertTrue(x.getMessage().contains("-ERR No such channel!"), x.getMessage());
        Exchange bad = template.request("esl:api", x2 -> x2.getMessage().setBody("status\n\nexit"));
        assertInstanceOf(IllegalArgumentException.class, bad.getException());
        assertTrue(fs.current().commands().stream().noneMatch(c -> c.startsWith("exit")), "no injected command");
    }

    @Test
    void theMetersCountCommandsByOutcomeEventsByNameAndConnectionsByState() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = EslMeterBindingAccess.bind(registry, esl)) {
            assertEquals(1, gauge(registry, "idle"), "configured, not dialled yet");
            MockEndpoint mock = camel.getEndpoint("mock:ev", MockEndpoint.class);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("esl:events?events=DTMF CHANNEL_PARK").to("mock:ev");
                }
            });
            await(
                    "subscribed",
                    () -> fs.current() != null
                            && fs.current().commands().stream().anyMatch(c -> c.startsWith("event plain")));
            assertEquals(1, gauge(registry, "connected"));
            assertEquals(0, gauge(registry, "idle"));
            template.requestBody("esl:api", "status", String.class);
            template.request("esl:api?command=uuid_kill 1234", x -> {});
            template.request("esl:bgapi?command=status", x -> {});
            mock.expectedMessageCount(2);
            String two = FreeSwitchDouble.event("plain", dtmf(0), null)
                    + FreeSwitchDouble.event("plain", Map.of("Event-Name", "CHANNEL_PARK", "Unique-ID", "p"), null);
            fs.raw(two.getBytes(StandardCharsets.UTF_8), two.length());
            mock.assertIsSatisfied(5000);
            assertEquals(1, count(registry, "switchboard.esl.commands", "command", "api", "outcome", "ok"));
            assertEquals(1, count(registry, "switchboard.esl.commands", "command", "api", "outcome", "error"));
            assertEquals(1, count(registry, "switchboard.esl.commands", "command", "bgapi", "outcome", "ok"));
            assertEquals(1, count(registry, "switchboard.esl.events", "event", "DTMF", "socket", "inbound"));
            assertEquals(1, count(registry, "switchboard.esl.events", "event", "CHANNEL_PARK", "socket", "inbound"));
            assertEquals(1, count(registry, "switchboard.esl.events", "event", "BACKGROUND_JOB", "socket", "inbound"));
            assertEquals(
                    0, registry.get("switchboard.esl.outbound.sessions").gauge().value());
        }
        assertEquals(null, registry.find("switchboard.esl.events").counter());
    }

    private static double gauge(SimpleMeterRegistry registry, String state) {
        return registry.get("switchboard.esl.inbound.connections")
                .tag("state", state)
                .gauge()
                .value();
    }

    static double count(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void aWrongPasswordIsReportedAndRetriedWithBackoff() throws Exception {
        fs.password("secret");
        Exchange e = template.request("esl:api?command=status", x -> {});
        EslException x = assertInstanceOf(EslException.class, e.getException());
        assertTrue(x.getMessage().contains("refused our password (-ERR invalid)"), x.getMessage());
        int before = fs.authAttempts();
        Thread.sleep(1500);
        int during = fs.authAttempts() - before;
        // 0.1, 0.2, 0.4, 0.4 ... s: a handful of attempts in 1.5 s, never a tight loop
        assertTrue(during >= 2 && during <= 8, "attempts in 1.5 s: " + during);
        assertTrue(esl.servers().get(0).lastError().contains("-ERR invalid"), "" + esl.servers());
        fs.password("ClueCon");
        await("reconnected", () -> esl.client("default").isConnected());
        assertEquals("connected", esl.servers().get(0).state());
    }

    @Test
    void bgapiCompletesOnItsBackgroundJobWithoutAThreadPerJob() throws Exception {
        fs.jobDelay(500);
        Exchange one = template.request("esl:bgapi?command=status", x -> {});
        assertEquals(null, one.getException());
        assertTrue(one.getMessage().getBody(String.class).startsWith("UP 0 years"));
        String job = one.getMessage().getHeader(EslConstants.JOB_UUID, String.class);
        assertNotNull(job);
        assertTrue(fs.current().commands().stream().anyMatch(c -> c.equals("bgapi status\nJob-UUID: " + job)));
        // 200 jobs at once, each answered after 0.5 s: parked threads (the template's 10) would take 10 s
        long t0 = System.nanoTime();
        List<CompletableFuture<Exchange>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(template.asyncSend("esl:bgapi?command=status", x -> {}));
        }
        for (CompletableFuture<Exchange> f : all) {
            Exchange x = f.get(10, TimeUnit.SECONDS);
            assertEquals(null, x.getException());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4000, "200 bgapi jobs took " + ms + " ms");
        assertEquals(0, esl.client("default").pendingJobs());
        Exchange quick = template.request("esl:bgapi?command=status&waitForJob=false", x -> {});
        assertEquals(
                quick.getMessage().getHeader(EslConstants.JOB_UUID),
                quick.getMessage().getBody());
        Exchange busy = template.request(
                "esl:bgapi", x -> x.getMessage().setHeader(EslConstants.COMMAND, "originate user/busy &park()"));
        EslException x = assertInstanceOf(EslException.class, busy.getException());
        assertEquals("-ERR USER_BUSY", x.reply());
    }

    @Test
    void eventsAsExchangesAndA200EventBurstSplitAcrossReads() throws Exception {
        MockEndpoint mock = camel.getEndpoint("mock:dtmf", MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("esl:events?events=DTMF CHANNEL_HANGUP_COMPLETE&filters=Event-Name DTMF;Event-Name "
                                + "CHANNEL_HANGUP_COMPLETE")
                        .to("mock:dtmf");
            }
        });
        await(
                "subscribed",
                () -> fs.current() != null
                        && fs.current().commands().contains("filter Event-Name DTMF")
                        && fs.current().commands().contains("filter Event-Name BACKGROUND_JOB"));
        List<String> cmds = fs.current().commands();
        assertTrue(
                cmds.contains("event plain BACKGROUND_JOB DTMF CHANNEL_HANGUP_COMPLETE")
                        || cmds.contains("event plain DTMF CHANNEL_HANGUP_COMPLETE"),
                "" + cmds);
        assertTrue(cmds.contains("filter Event-Name BACKGROUND_JOB"), "filters gate BACKGROUND_JOB (§9): " + cmds);
        mock.expectedMessageCount(200);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            burst.append(FreeSwitchDouble.event("plain", dtmf(i), null));
        }
        byte[] bytes = burst.toString().getBytes(StandardCharsets.UTF_8);
        Random r = new Random(16);
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(1 + r.nextInt(700), bytes.length - i);
            byte[] part = new byte[n];
            System.arraycopy(bytes, i, part, 0, n);
            fs.raw(part, n);
            i += n;
        }
        mock.assertIsSatisfied(10_000);
        for (int k = 0; k < 200; k++) {
            Exchange e = mock.getExchanges().get(k);
            assertEquals("DTMF", e.getMessage().getHeader("Event-Name"));
            assertEquals("call-" + k, e.getMessage().getHeader("Unique-ID"), "in order");
            assertEquals("#", e.getMessage().getHeader("DTMF-Digit"));
            assertEquals("Alice Smith", e.getMessage().getHeader("Caller-Caller-ID-Name"));
            assertEquals("default", e.getMessage().getHeader(EslConstants.SERVER));
        }
    }

    static Map<String, String> dtmf(int i) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "DTMF");
        h.put("Core-UUID", "6d5ae0a2-0000-4000-8000-000000000001");
        h.put("Unique-ID", "call-" + i);
        h.put("Caller-Caller-ID-Name", "Alice Smith");
        h.put("DTMF-Digit", "#");
        h.put("DTMF-Duration", "2000");
        h.put("DTMF-Source", "RTP");
        return h;
    }

    @Test
    void reconnectsAfterTheServerIsKilledAndRestoresSubscriptions() throws Exception {
        MockEndpoint mock = camel.getEndpoint("mock:ev", MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("esl:events?events=DTMF&filters=Unique-ID call-7").to("mock:ev");
            }
        });
        await(
                "subscribed",
                () -> fs.current() != null && fs.current().commands().contains("filter Unique-ID call-7"));
        int port = fs.port();
        fs.close();
        Thread.sleep(300);
        fs = new FreeSwitchDouble("ClueCon", port);
        await(
                "re-subscribed",
                () -> fs.current() != null
                        && fs.current().commands().contains("filter Unique-ID call-7")
                        && fs.current().commands().contains("filter Event-Name BACKGROUND_JOB"));
        assertTrue(fs.current().commands().stream().anyMatch(c -> c.startsWith("event plain") && c.contains("DTMF")));
        mock.expectedMessageCount(1);
        fs.broadcast(dtmf(3), null); // filtered out by FreeSWITCH
        fs.broadcast(dtmf(7), null);
        mock.assertIsSatisfied(5000);
        assertEquals("call-7", mock.getExchanges().get(0).getMessage().getHeader("Unique-ID"));
        assertTrue(template.requestBody("esl:api", "status", String.class).startsWith("UP"));
    }

    @Test
    void garbageDropsTheConnectionAndTheClientComesBack() throws Exception {
        assertTrue(template.requestBody("esl:api", "status", String.class).startsWith("UP"));
        FreeSwitchDouble.Conn first = fs.current();
        fs.raw("HTTP/1.1 400 Bad Request\r\nthis is not ESL\n\n".getBytes(StandardCharsets.UTF_8), 7);
        await(
                "reconnected",
                () -> fs.current() != first && esl.client("default").isConnected());
        assertTrue(esl.servers().get(0).lastError() == null
                || esl.client("default").isConnected());
        assertTrue(template.requestBody("esl:api", "status", String.class).startsWith("UP"));
        // a frame cut by the peer closing in its middle: the client reconnects, nothing half-read is delivered
        FreeSwitchDouble.Conn second = fs.current();
        fs.raw("Content-Type: api/response\nContent-Length: 100\n\nshort".getBytes(StandardCharsets.UTF_8), 100);
        fs.dropConnections();
        await(
                "reconnected again",
                () -> fs.current() != second && esl.client("default").isConnected());
        assertTrue(template.requestBody("esl:api", "status", String.class).startsWith("UP"));
    }

    /** A route slower than FreeSWITCH loses the newest events beyond event_queue; api replies keep flowing. */
    @Test
    void aSlowRouteDropsEventsButNeverStallsTheSocket() throws Exception {
        esl.configure(Map.of("event_queue", "10"));
        CountDownLatch release = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("esl:events?events=DTMF").routeId("slow").process(e -> release.await(10, TimeUnit.SECONDS));
            }
        });
        await(
                "subscribed",
                () -> fs.current() != null
                        && fs.current().commands().stream().anyMatch(c -> c.startsWith("event plain")));
        for (int i = 0; i < 100; i++) {
            fs.broadcast(dtmf(i), null);
        }
        EslEventsConsumer slow = (EslEventsConsumer) camel.getRoute("slow").getConsumer();
        await("drops counted", () -> slow.dropped() == 89);
        long t0 = System.nanoTime();
        assertTrue(template.requestBody("esl:api", "status", String.class).startsWith("UP"));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "the api reply was not held up");
        release.countDown();
        assertEquals(89, slow.dropped(), "1 in the route, 10 queued, the rest dropped");
    }

    @Test
    void jsonEventsOfAServerConfiguredForJson() throws Exception {
        esl.addServer(new ServerDefinition(
                "j", "127.0.0.1", fs.port(), "ClueCon", Set.of("CHANNEL_ANSWER"), "json", List.of()));
        MockEndpoint mock = camel.getEndpoint("mock:json", MockEndpoint.class);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("esl:events?server=j&events=CHANNEL_ANSWER").to("mock:json");
            }
        });
        await(
                "json",
                () -> fs.current() != null
                        && fs.current().commands().stream().anyMatch(c -> c.startsWith("event json")));
        mock.expectedMessageCount(1);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "CHANNEL_ANSWER");
        h.put("Unique-ID", "abc");
        h.put("variable_sip_from_user", "1000");
        fs.broadcast(h, null);
        mock.assertIsSatisfied(5000);
        assertEquals("1000", mock.getExchanges().get(0).getMessage().getHeader("variable_sip_from_user"));
        assertEquals("j", mock.getExchanges().get(0).getMessage().getHeader(EslConstants.SERVER));
    }

    @Test
    void originateAnswersTheNewCallsUuid() throws Exception {
        var done = esl.originate(
                null,
                "sofia/external/1000@10.0.0.2",
                "&park()",
                Map.of("origination_caller_id_number", "100"),
                Duration.ofSeconds(5));
        var o = done.get(5, TimeUnit.SECONDS);
        assertEquals(36, o.uuid().length());
        assertTrue(
                fs.current().commands().stream()
                        .anyMatch(c -> c.startsWith("bgapi originate {origination_uuid=" + o.uuid()
                                + ",origination_caller_id_number=100}" + "sofia/external/1000@10.0.0.2 &park()")),
                "" + fs.current().commands());
        var busy = esl.originate("default", "user/busy", "&park()", Map.of(), Duration.ofSeconds(5));
        var x = assertThrows(ExecutionException.class, () -> busy.get(5, TimeUnit.SECONDS));
        assertEquals("-ERR USER_BUSY", ((EslException) x.getCause()).reply());
    }
}
