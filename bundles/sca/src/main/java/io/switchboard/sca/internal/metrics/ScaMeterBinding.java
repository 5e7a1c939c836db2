package io.switchboard.sca.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.internal.ScaServiceComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Shared-line appearances by state in the platform's meter registry (bundles/metrics): one gauge per non-idle state,
 * read from counters the appearance table keeps as it changes, so a scrape takes none of the engine's lock. The
 * only class of this bundle that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class ScaMeterBinding {

    static final String APPEARANCES = "switchboard.sca.appearances";

    @Reference
    MeterRegistry registry;

    @Reference
    ScaServiceComponent sca;

    private final List<Meter> meters = new ArrayList<>();

    @Activate
    void activate() {
        for (AppearanceState state : AppearanceState.values()) {
            if (state == AppearanceState.IDLE) {
                continue; // an idle index is not an appearance of the table
            }
            meters.add(Gauge.builder(APPEARANCES, sca, s -> s.appearancesIn(state))
                    .description("Shared-line appearances by state (active_pending: answered, its ACK not yet seen)")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Deactivate
    void deactivate() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
