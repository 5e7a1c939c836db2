package io.switchboard.dialog.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DialogMeterBindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DialogInfo> live = new ArrayList<>();

    @Test
    void countsCallsByOutcomeAndRecordsPostDialDelayAndDuration() {
        DialogMeterBinding b = new DialogMeterBinding();
        b.registry = registry;
        b.dialogs = (DialogService) Proxy.newProxyInstance(
                DialogService.class.getClassLoader(),
                new Class<?>[] {DialogService.class},
                (proxy, method, args) -> method.getName().equals("live") ? live : null);
        live.add(dialog(DialogState.ANSWERED, 500, 600, 700, 0, null)); // live before: counted at activation
        b.activate();

        DialogInfo created = dialog(DialogState.CREATED, 1_000, 0, 0, 0, null);
        b.event("created", created);
        assertEquals(
                1,
                registry.get(DialogMeterBinding.ACTIVE)
                        .tag("state", "created")
                        .gauge()
                        .value());
        b.event("ringing", dialog(DialogState.RINGING, 1_000, 1_400, 0, 0, null));
        b.event("answered", dialog(DialogState.ANSWERED, 1_000, 1_400, 3_000, 0, null));
        b.event("ended", dialog(DialogState.ENDED, 1_000, 1_400, 3_000, 63_000, "BYE"));
        // answered without ringing: the delay runs to the answer
        b.event("created", created);
        b.event("answered", dialog(DialogState.ANSWERED, 1_000, 0, 1_200, 0, null));
        b.event("created", created);
        b.event("ended", dialog(DialogState.ENDED, 1_000, 0, 0, 2_000, "failure 486"));

        assertEquals(3, registry.get(DialogMeterBinding.STARTED).counter().count());
        assertEquals(2, registry.get(DialogMeterBinding.ANSWERED).counter().count());
        assertEquals(
                1,
                registry.get(DialogMeterBinding.ENDED)
                        .tag("reason", "bye")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get(DialogMeterBinding.ENDED)
                        .tag("reason", "failure_4xx")
                        .counter()
                        .count());
        Timer pdd = registry.get(DialogMeterBinding.PDD).timer();
        assertEquals(2, pdd.count());
        assertEquals(600, pdd.totalTime(TimeUnit.MILLISECONDS), 0.001);
        Timer duration = registry.get(DialogMeterBinding.DURATION).timer();
        assertEquals(1, duration.count());
        assertEquals(60, duration.totalTime(TimeUnit.SECONDS), 0.001);
        // the first call ended, the second is answered, the third failed: with the one from before, two answered
        assertEquals(0, active("created"));
        assertEquals(0, active("ringing"));
        assertEquals(2, active("answered"));

        b.deactivate();
        assertNull(registry.find(DialogMeterBinding.STARTED).counter());
        assertNull(registry.find(DialogMeterBinding.ENDED).counter());
    }

    private double active(String state) {
        return registry.get(DialogMeterBinding.ACTIVE)
                .tag("state", state)
                .gauge()
                .value();
    }

    @Test
    void endReasonsAreBounded() {
        assertEquals("cancel", DialogMeterBinding.reason("CANCEL"));
        assertEquals("timeout", DialogMeterBinding.reason("timeout"));
        assertEquals("admin", DialogMeterBinding.reason("admin"));
        assertEquals("failure_6xx", DialogMeterBinding.reason("failure 603"));
        assertEquals("other", DialogMeterBinding.reason("failure 999"));
        assertEquals("other", DialogMeterBinding.reason("failure 4861"));
        assertEquals("other", DialogMeterBinding.reason("sip:alice@example.com"));
        assertEquals("other", DialogMeterBinding.reason(null));
    }

    private static DialogInfo dialog(
            DialogState state, long created, long ringing, long answered, long ended, String reason) {
        return new DialogInfo(
                "call-1", "sip:a@x", "ft", "sip:b@x", "tt", state, created, ringing, answered, ended, reason, null,
                null, null, 1, 0, List.of(), Set.of());
    }
}
