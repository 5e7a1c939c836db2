package io.switchboard.registrar.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.registrar.internal.RegistrarMeters;
import io.switchboard.registrar.internal.RegistrarService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The registrar's meters in the platform's meter registry (bundles/metrics): AoRs and contacts registered,
 * REGISTERs by the status answered, digest challenges and refusals. The only class of this bundle that sees
 * Micrometer (imported optionally): without the metrics bundle it is never satisfied.
 */
@Component(
        immediate = true,
        service = {})
public class RegistrarMeterBinding implements RegistrarMeters.Sink {

    static final String AORS = "switchboard.registrar.aors";
    static final String CONTACTS = "switchboard.registrar.contacts";
    static final String REGISTERS = "switchboard.registrar.registers";
    static final String CHALLENGES = "switchboard.registrar.auth.challenges";
    static final String FAILURES = "switchboard.registrar.auth.failures";

    /** The statuses registrar:save answers; anything else is {@code other}. */
    private static final Set<Integer> SAVE_STATUSES = Set.of(200, 400, 401, 403, 404, 423, 500);

    @Reference
    MeterRegistry registry;

    @Reference
    RegistrarService registrar;

    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Activate
    void activate() {
        meters.add(Gauge.builder(AORS, registrar, r -> r.table().aorCount())
                .description("Addresses of record with at least one contact")
                .register(registry));
        meters.add(Gauge.builder(CONTACTS, registrar, r -> r.table().contactCount())
                .description("Contacts registered")
                .register(registry));
        // every series from the start (zeros rather than no data; the sets are small and fixed)
        for (int status : SAVE_STATUSES) {
            register(Integer.toString(status));
        }
        register("other");
        for (String request : new String[] {"register", "other"}) {
            challenge(request);
            failure(request);
        }
        RegistrarMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        RegistrarMeters.use(null);
        meters.forEach(registry::remove);
        counters.values().forEach(registry::remove);
        meters.clear();
        counters.clear();
    }

    @Override
    public void outcome(String step, int status) {
        boolean save = "save".equals(step);
        if (save) {
            register(SAVE_STATUSES.contains(status) ? Integer.toString(status) : "other")
                    .increment();
        }
        String request = save ? "register" : "other";
        if (status == 401 || status == 407) {
            challenge(request).increment();
        } else if (status == 403) {
            failure(request).increment();
        }
    }

    private Counter register(String status) {
        return counter(REGISTERS, "REGISTER requests by the status answered", "status", status);
    }

    private Counter challenge(String request) {
        return counter(CHALLENGES, "Digest challenges sent (401, 407)", "request", request);
    }

    private Counter failure(String request) {
        return counter(FAILURES, "Requests refused after their credentials were checked (403)", "request", request);
    }

    private Counter counter(String name, String help, String tag, String value) {
        return counters.computeIfAbsent(
                name + "|" + value,
                k -> Counter.builder(name).description(help).tag(tag, value).register(registry));
    }
}
