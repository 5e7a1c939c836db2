package io.switchboard.cgrates.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.cgrates.internal.CgratesMeters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Billing's meters in the platform's meter registry (bundles/metrics): the CDR outbox's backlog and its
 * deliveries, failures and retries, JSON-RPC requests to CGRateS by method and outcome, prepaid calls cut. The
 * only class of this bundle that sees Micrometer (imported optionally): without the metrics bundle it is never
 * satisfied and billing counts into a no-op. Methods outside the fixed list are {@code other}.
 */
@Component(
        immediate = true,
        service = {})
public class CgratesMeterBinding implements CgratesMeters.Sink {

    static final String REQUESTS = "switchboard.cgrates.requests";
    static final String CDRS = "switchboard.cgrates.cdrs";
    static final String CUTS = "switchboard.cgrates.prepaid.cuts";
    static final String OUTBOX = "switchboard.cgrates.outbox.rows";

    /** The methods this bundle and the default routes call; a route's {@code cgrates:command} may call others. */
    static final Set<String> METHODS = Set.of(
            "SessionSv1.AuthorizeEvent",
            "SessionSv1.InitiateSession",
            "SessionSv1.UpdateSession",
            "SessionSv1.TerminateSession",
            "SessionSv1.ProcessCDR",
            "CDRsV1.ProcessEvent",
            "ResourceSv1.AllocateResources",
            "ResourceSv1.ReleaseResources");

    private static final String[] OUTCOMES = {CgratesMeters.OK, CgratesMeters.ERROR, CgratesMeters.UNREACHABLE};
    private static final String[] CDR_OUTCOMES = {"delivered", "failed", "retried"};

    @Reference
    MeterRegistry registry;

    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private Counter cuts;

    @Activate
    void activate() {
        meters.add(Gauge.builder(OUTBOX, pending, AtomicInteger::get)
                .description("CDR outbox rows waiting for CGRateS (pending) or given up (failed), counted every 5 s")
                .tag("state", "pending")
                .register(registry));
        meters.add(Gauge.builder(OUTBOX, failed, AtomicInteger::get)
                .description("CDR outbox rows waiting for CGRateS (pending) or given up (failed), counted every 5 s")
                .tag("state", "failed")
                .register(registry));
        cuts = Counter.builder(CUTS)
                .description("Prepaid calls ended because CGRateS granted no more credit")
                .register(registry);
        meters.add(cuts);
        for (String outcome : CDR_OUTCOMES) {
            cdr(outcome);
        }
        CgratesMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        CgratesMeters.use(null);
        meters.forEach(registry::remove);
        counters.values().forEach(registry::remove);
        meters.clear();
        counters.clear();
    }

    @Override
    public void request(String method, String outcome) {
        String m = METHODS.contains(method) ? method : "other";
        String o = List.of(OUTCOMES).contains(outcome) ? outcome : CgratesMeters.ERROR;
        counter(
                        REQUESTS,
                        m + "|" + o,
                        () -> Counter.builder(REQUESTS)
                                .description("JSON-RPC requests to CGRateS by method and outcome (ok, error answered, "
                                        + "unreachable: no engine answered)")
                                .tag("method", m)
                                .tag("outcome", o))
                .increment();
    }

    @Override
    public void outbox(String outcome) {
        cdr(outcome).increment();
    }

    @Override
    public void prepaidCut() {
        cuts.increment();
    }

    @Override
    public void backlog(int pendingRows, int failedRows) {
        pending.set(pendingRows);
        failed.set(failedRows);
    }

    private Counter cdr(String outcome) {
        return counter(
                CDRS,
                outcome,
                () -> Counter.builder(CDRS)
                        .description(
                                "Outbox rows (CDRs, prepaid TerminateSession) by attempt outcome: delivered, failed, "
                                        + "retried (an attempt after a failed one)")
                        .tag("outcome", outcome));
    }

    private Counter counter(String name, String key, Supplier<Counter.Builder> builder) {
        String k = name + "|" + key;
        Counter c = counters.get(k);
        return c != null ? c : counters.computeIfAbsent(k, x -> builder.get().register(registry));
    }
}
