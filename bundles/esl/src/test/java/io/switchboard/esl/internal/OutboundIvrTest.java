package io.switchboard.esl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.esl.internal.metrics.EslMeterBindingAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped example route routes/esl-ivr.xml drives calls of the FreeSWITCH double from connect to hang-up. */
class OutboundIvrTest {

    private CamelContext camel;
    private EslComponent esl;
    private int port;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        esl = new EslComponent();
        camel.addComponent("esl", esl);
        Properties p = new Properties();
        p.setProperty("esl.ivr.port", "0");
        p.setProperty("esl.ivr.user", "alice");
        camel.getPropertiesComponent().setInitialProperties(p);
        String xml = Files.readString(Path.of("../../routes/esl-ivr.xml"));
        Resource r = ResourceHelper.fromString("esl-ivr.xml", xml);
        PluginHelper.getRoutesLoader(camel).loadRoutes(r);
        camel.start();
        assertEquals(
                "Stopped", camel.getRouteController().getRouteStatus("esl-ivr").name(), "off by default");
        camel.getRouteController().startRoute("esl-ivr");
        port = ((EslOutboundConsumer) camel.getRoute("esl-ivr").getConsumer()).localPort();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void digitOneBridgesToAUserOfThePlatform() throws Exception {
        NotifyBuilder three =
                new NotifyBuilder(camel).fromRoute("esl-ivr").whenDone(3).create();
        try (FreeSwitchCall call = new FreeSwitchCall(port, true, "1")) {
            assertTrue(call.awaitClosedByApp(10), "we close after CHANNEL_HANGUP_COMPLETE: " + call.commands);
            assertEquals(List.of("connect", "myevents", "linger"), call.commands.subList(0, 3));
            assertEquals(
                    List.of("answer", "play_and_get_digits", "bridge", "hangup:NORMAL_CLEARING"), call.applications());
            String bridge = call.commands.get(5);
            assertTrue(bridge.contains("execute-app-arg: sofia/external/alice@127.0.0.1:5060"), bridge);
            assertTrue(bridge.contains("event-lock: true"), bridge);
            assertTrue(call.commands.get(4).contains("execute-app-arg: 1 1 3 5000 # ivr/"), call.commands.get(4));
        }
        // the call, its DTMF and its CHANNEL_HANGUP_COMPLETE went through the route
        assertTrue(three.matches(5, TimeUnit.SECONDS));
        InboundTest.await("the call forgotten", () -> esl.calls().size() == 0);
    }

    @Test
    void anotherDigitSaysGoodbyeAndHangsUp() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AutoCloseable meters = EslMeterBindingAccess.bind(registry, esl);
                FreeSwitchCall call = new FreeSwitchCall(port, true, "9")) {
            assertTrue(call.awaitClosedByApp(10), "" + call.commands);
            assertEquals(
                    List.of("answer", "play_and_get_digits", "playback", "hangup:NORMAL_CLEARING"),
                    call.applications());
            // each executed application's completion was read from the call's own socket
            InboundTest.await(
                    "the completions counted",
                    () -> registry.get("switchboard.esl.events")
                                    .tags("event", "CHANNEL_EXECUTE_COMPLETE", "socket", "outbound")
                                    .counter()
                                    .count()
                            >= 3);
            InboundTest.await("the socket closed", () -> esl.outboundSessions() == 0);
            assertEquals(
                    0, registry.get("switchboard.esl.outbound.sessions").gauge().value());
        }
    }

    @Test
    void aCallerWhoHangsUpDuringThePromptEndsTheRouteQuietly() throws Exception {
        NotifyBuilder failed =
                new NotifyBuilder(camel).fromRoute("esl-ivr").whenFailed(1).create();
        try (FreeSwitchCall call = new FreeSwitchCall(port, true, null)) {
            assertTrue(call.awaitClosedByApp(10), "" + call.commands);
            // the route may send its next step before it has read the CHANNEL_HANGUP that followed the prompt's
            // completion; FreeSWITCH refuses that step, and nothing more runs
            assertEquals(List.of("answer", "play_and_get_digits"), call.executed(), "" + call.commands);
            assertTrue(call.applications().size() <= 3, "at most one step refused: " + call.applications());
        }
        assertTrue(!failed.matches(1, TimeUnit.SECONDS), "a hang-up is no failure");
    }

    /** The race CI once lost: the goodbye prompt crossed the caller's hang-up and FreeSWITCH answered it -ERR. */
    @Test
    void aStepRefusedBecauseTheCallerJustHungUpIsAHangUpNotAFailure() throws Exception {
        NotifyBuilder failed =
                new NotifyBuilder(camel).fromRoute("esl-ivr").whenFailed(1).create();
        NotifyBuilder ended =
                new NotifyBuilder(camel).fromRoute("esl-ivr").whenDone(2).create();
        try (FreeSwitchCall call = new FreeSwitchCall(port, true, FreeSwitchCall.HANG_UP_IN_FLIGHT)) {
            assertTrue(call.awaitClosedByApp(10), "" + call.commands);
            assertEquals(List.of("answer", "play_and_get_digits", "playback"), call.applications());
        }
        assertTrue(ended.matches(5, TimeUnit.SECONDS), "the call and its CHANNEL_HANGUP_COMPLETE went through");
        assertTrue(!failed.matches(1, TimeUnit.SECONDS), "a hang-up is no failure");
    }

    @Test
    void withoutTheFullOptionLingerIsRefusedAndTheCallStillRuns() throws Exception {
        try (FreeSwitchCall call = new FreeSwitchCall(port, false, "9")) {
            // no linger: FreeSWITCH closes itself after the disconnect notice
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (call.applications().size() < 4 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(
                    List.of("answer", "play_and_get_digits", "playback", "hangup:NORMAL_CLEARING"),
                    call.applications());
        }
    }

    /** A static socket answers +OK after the application's CHANNEL_EXECUTE_COMPLETE: the step still ends once. */
    @Test
    void aStaticSocketRepliesAfterTheApplication() throws Exception {
        try (FreeSwitchCall call = new FreeSwitchCall(port, true, "1", false)) {
            assertTrue(call.awaitClosedByApp(10), "" + call.commands);
            assertEquals(
                    List.of("answer", "play_and_get_digits", "bridge", "hangup:NORMAL_CLEARING"), call.applications());
        }
    }

    @Test
    void manyCallsAtOnce() throws Exception {
        FreeSwitchCall[] calls = new FreeSwitchCall[50];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new FreeSwitchCall(port, true, i % 2 == 0 ? "1" : "9");
        }
        for (FreeSwitchCall c : calls) {
            assertTrue(c.awaitClosedByApp(15), "" + c.commands);
            assertEquals(4, c.applications().size());
            c.close();
        }
    }
}
