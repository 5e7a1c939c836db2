package io.switchboard.dialog.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.dialog.internal.CallMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The call meters of the dialog bundle in the platform's meter registry (bundles/metrics): live dialogs by state,
 * calls started, answered and ended by end reason, post-dial delay and duration histograms. The only class of this
 * bundle that sees Micrometer (imported optionally): without the metrics bundle it is never satisfied.
 */
@Component(
        immediate = true,
        service = {})
public class DialogMeterBinding implements CallMeters.Sink {

    static final String ACTIVE = "switchboard.dialogs.active";
    static final String STARTED = "switchboard.calls.started";
    static final String ANSWERED = "switchboard.calls.answered";
    static final String ENDED = "switchboard.calls.ended";
    static final String PDD = "switchboard.calls.post.dial.delay";
    static final String DURATION = "switchboard.calls.duration";

    /** Buckets fixed here (a percentile histogram would add some 70 series per meter). */
    private static final Duration[] PDD_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30);

    private static final Duration[] DURATION_BUCKETS = seconds(5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200);

    /** The states a live dialog is in, in their order (their ordinals index {@link #live}). */
    private static final List<DialogState> LIVE_STATES =
            List.of(DialogState.CREATED, DialogState.RINGING, DialogState.ANSWERED);

    private static final int AT_CREATED = DialogState.CREATED.ordinal();
    private static final int AT_RINGING = DialogState.RINGING.ordinal();
    private static final int AT_ANSWERED = DialogState.ANSWERED.ordinal();

    @Reference
    MeterRegistry registry;

    @Reference
    DialogService dialogs;

    private final List<Meter> meters = new ArrayList<>();
    /**
     * Live dialogs by state, moved by the dialog events: a scrape reads three numbers and takes none of the
     * per-call locks the SIP path updates dialogs under (DialogService.live() takes each).
     */
    private final AtomicLongArray live = new AtomicLongArray(LIVE_STATES.size());

    private final Map<String, Counter> endedByReason = new ConcurrentHashMap<>();
    private Counter started;
    private Counter answered;
    private Timer pdd;
    private Timer duration;

    @Activate
    void activate() {
        // the live dialogs once (their per-call locks, at activation only); from then on the events move the counts
        for (DialogInfo d : dialogs.live()) {
            if (d.state().ordinal() < LIVE_STATES.size()) {
                live.incrementAndGet(d.state().ordinal());
            }
        }
        for (DialogState state : LIVE_STATES) {
            meters.add(Gauge.builder(ACTIVE, live, l -> Math.max(0, l.get(state.ordinal())))
                    .description("Live dialogs by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        started = add(
                Counter.builder(STARTED).description("INVITE dialogs created").register(registry));
        answered = add(
                Counter.builder(ANSWERED).description("Calls answered (2xx)").register(registry));
        pdd = add(Timer.builder(PDD)
                .description("Post-dial delay: INVITE to the first ringing or answer")
                .serviceLevelObjectives(PDD_BUCKETS)
                .register(registry));
        duration = add(Timer.builder(DURATION)
                .description("Answered calls: answer to end")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry));
        CallMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        CallMeters.use(null);
        meters.forEach(registry::remove);
        endedByReason.values().forEach(registry::remove);
        meters.clear();
        endedByReason.clear();
    }

    @Override
    public void event(String type, DialogInfo d) {
        switch (type) {
            case "created" -> {
                started.increment();
                live.incrementAndGet(AT_CREATED);
            }
            case "ringing" -> {
                move(AT_CREATED, AT_RINGING);
                delay(d.createdAt(), d.ringingAt());
            }
            case "answered" -> {
                move(d.ringingAt() > 0 ? AT_RINGING : AT_CREATED, AT_ANSWERED);
                answered.increment();
                if (d.ringingAt() <= 0) {
                    delay(d.createdAt(), d.answeredAt());
                }
            }
            case "ended" -> {
                live.decrementAndGet(d.answeredAt() > 0 ? AT_ANSWERED : d.ringingAt() > 0 ? AT_RINGING : AT_CREATED);
                endedByReason
                        .computeIfAbsent(
                                reason(d.endReason()),
                                r -> Counter.builder(ENDED)
                                        .description("Calls ended, by end reason")
                                        .tag("reason", r)
                                        .register(registry))
                        .increment();
                if (d.answeredAt() > 0 && d.endedAt() >= d.answeredAt()) {
                    duration.record(d.endedAt() - d.answeredAt(), TimeUnit.MILLISECONDS);
                }
            }
            default -> {}
        }
    }

    /**
     * The end reason as a bounded label: {@code bye}, {@code cancel}, {@code timeout}, {@code admin}, or
     * {@code failure_4xx}/{@code 5xx}/{@code 6xx} for a failure status (the tracker says {@code failure 486}).
     */
    static String reason(String endReason) {
        if (endReason == null) {
            return "other";
        }
        if (endReason.startsWith("failure ") && endReason.length() == "failure 486".length()) {
            char c = endReason.charAt("failure ".length());
            return c >= '3' && c <= '6' ? "failure_" + c + "xx" : "other";
        }
        return switch (endReason) {
            case "BYE" -> "bye";
            case "CANCEL" -> "cancel";
            case "timeout" -> "timeout";
            case "admin" -> "admin";
            default -> "other";
        };
    }

    private void delay(long from, long to) {
        if (from > 0 && to >= from) {
            pdd.record(to - from, TimeUnit.MILLISECONDS);
        }
    }

    private void move(int from, int to) {
        live.decrementAndGet(from);
        live.incrementAndGet(to);
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis((long) (values[i] * 1000));
        }
        return out;
    }
}
