package io.switchboard.ussd.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ussd.internal.UssdMeters;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * USSD sessions by how they ended and who started them, in the platform's meter registry (bundles/metrics). Every
 * series is registered at the start and kept in an array (counting takes no lock). The only class of this bundle
 * that sees Micrometer (imported optionally).
 */
@Component(
        immediate = true,
        service = {})
public class UssdMeterBinding implements UssdMeters.Sink {

    static final String SESSIONS = "switchboard.ussd.sessions";

    @Reference
    MeterRegistry registry;

    /** [0] network-initiated, [1] UE-initiated; by index of {@link UssdMeters#OUTCOMES}. */
    private final Counter[][] counters = new Counter[2][UssdMeters.OUTCOMES.length];

    private final List<Counter> all = new ArrayList<>();

    @Activate
    void activate() {
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < UssdMeters.OUTCOMES.length; i++) {
                Counter c = Counter.builder(SESSIONS)
                        .description("USSD sessions ended, by who started them (ue, network) and outcome")
                        .tag("origin", o == 1 ? "ue" : "network")
                        .tag("outcome", UssdMeters.OUTCOMES[i])
                        .register(registry);
                counters[o][i] = c;
                all.add(c);
            }
        }
        UssdMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        UssdMeters.use(null);
        all.forEach(registry::remove);
        all.clear();
    }

    @Override
    public void ended(boolean ueInitiated, String outcome) {
        Counter[] row = counters[ueInitiated ? 1 : 0];
        for (int i = 0; i < UssdMeters.OUTCOMES.length; i++) {
            if (UssdMeters.OUTCOMES[i].equals(outcome)) {
                row[i].increment();
                return;
            }
        }
    }
}
