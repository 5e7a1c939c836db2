package io.switchboard.dfks.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.internal.DfksMeters;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Feature sets (DND and the three forwardings) by feature and outcome in the platform's meter registry
 * (bundles/metrics), whoever set them: a phone (SUBSCRIBE with a CSTA request), the REST API, the shell. Every
 * series is registered at the start (4 features, 5 outcomes) and kept in an array, so counting takes no lock. The
 * only class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class DfksMeterBinding implements DfksMeters.Sink {

    static final String SETS = "switchboard.dfks.sets";

    /** By refusal status: 400 a bad value, 403 not assigned, 404 unknown user; anything else failed. */
    static final String[] OUTCOMES = {"ok", "bad_request", "not_assigned", "unknown_user", "failed"};

    @Reference
    MeterRegistry registry;

    private final Counter[][] counters = new Counter[Feature.values().length][OUTCOMES.length];
    private final List<Counter> all = new ArrayList<>();

    @Activate
    void activate() {
        for (Feature f : Feature.values()) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                Counter c = Counter.builder(SETS)
                        .description("Feature sets by feature (dnd, cfa, cfb, cfna) and outcome")
                        .tag("feature", f.shortName())
                        .tag("outcome", OUTCOMES[o])
                        .register(registry);
                counters[f.ordinal()][o] = c;
                all.add(c);
            }
        }
        DfksMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        DfksMeters.use(null);
        all.forEach(registry::remove);
        all.clear();
    }

    @Override
    public void set(Feature feature, int status) {
        int o = switch (status) {
            case 200 -> 0;
            case 400 -> 1;
            case 403 -> 2;
            case 404 -> 3;
            default -> 4;
        };
        counters[feature.ordinal()][o].increment();
    }
}
