package io.switchboard.diameter.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.internal.DiameterMeters;
import io.switchboard.diameter.internal.DiameterService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The Diameter node's meters in the platform's meter registry (bundles/metrics): requests and answers by
 * application, command and direction, answers also by result code, and the peers by connection state. Labels come
 * from fixed lists (a command or code we do not use is {@code other}), never a peer's identity. The only class of
 * this bundle that sees Micrometer (imported optionally): without the metrics bundle it is never satisfied and the
 * node counts into a no-op. Counters are made on a message's first occurrence and looked up without a lock.
 */
@Component(
        immediate = true,
        service = {})
public class DiameterMeterBinding implements DiameterMeters.Sink {

    static final String REQUESTS = "switchboard.diameter.requests";
    static final String ANSWERS = "switchboard.diameter.answers";
    static final String PEERS = "switchboard.diameter.peers";

    static final String[] APPLICATIONS = {"base", "cx", "other"};
    static final String[] COMMANDS = {"CER", "DWR", "DPR", "UAR", "MAR", "SAR", "LIR", "RTR", "PPR", "other"};
    private static final String[] DIRECTIONS = {"received", "sent"};
    private static final String[] STATES = {"OPEN", "WAIT_CER", "WAIT_CEA", "CLOSING", "CLOSED"};

    /** The Result-Code values the node and the Cx bundle answer or expect (DiameterResultCodes). */
    private static final Set<Long> BASE_CODES = Set.of(
            2001L, 2002L, 3001L, 3002L, 3003L, 3004L, 3007L, 3008L, 3009L, 3010L, 4001L, 4003L, 5001L, 5002L, 5003L,
            5004L, 5005L, 5006L, 5007L, 5008L, 5009L, 5010L, 5011L, 5012L, 5013L, 5014L, 5015L);
    /** The 3GPP Experimental-Result-Code values of Cx, as {@code exp_NNNN} (the numbers overlap the base ones). */
    private static final Set<Long> EXPERIMENTAL_CODES =
            Set.of(2001L, 2002L, 2003L, 2004L, 5001L, 5002L, 5003L, 5004L, 5005L, 5006L, 5007L, 5008L, 5009L);

    @Reference
    MeterRegistry registry;

    @Reference
    DiameterService diameter;

    private final List<Meter> meters = new ArrayList<>();
    private final AtomicReferenceArray<Counter> requests =
            new AtomicReferenceArray<>(APPLICATIONS.length * COMMANDS.length * DIRECTIONS.length);
    private final Map<String, Counter> answers = new ConcurrentHashMap<>();

    @Activate
    void activate() {
        for (String state : STATES) {
            meters.add(Gauge.builder(PEERS, diameter, d -> d.peersIn(state))
                    .description("Diameter peers by connection state (configured peers without a connection: closed)")
                    .tag("state", state.toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        DiameterMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        DiameterMeters.use(null);
        meters.forEach(registry::remove);
        for (int i = 0; i < requests.length(); i++) {
            Counter c = requests.getAndSet(i, null);
            if (c != null) {
                registry.remove(c);
            }
        }
        answers.values().forEach(registry::remove);
        meters.clear();
        answers.clear();
    }

    @Override
    public void message(DiameterMessage m, boolean sent) {
        int app = application(m.applicationId());
        int command = command(m.commandCode());
        int direction = sent ? 1 : 0;
        if (m.isRequest()) {
            int i = (app * COMMANDS.length + command) * DIRECTIONS.length + direction;
            Counter c = requests.get(i);
            if (c == null) {
                c = Counter.builder(REQUESTS)
                        .description("Diameter requests by application, command and direction")
                        .tag("application", APPLICATIONS[app])
                        .tag("command", COMMANDS[command])
                        .tag("direction", DIRECTIONS[direction])
                        .register(registry);
                requests.compareAndSet(i, null, c);
            }
            c.increment();
            return;
        }
        String result = safeResult(m);
        String key = app + "|" + command + "|" + direction + "|" + result;
        Counter c = answers.get(key);
        if (c == null) {
            c = answers.computeIfAbsent(
                    key,
                    k -> Counter.builder(ANSWERS)
                            .description(
                                    "Diameter answers by application, command (of the request), direction and result "
                                            + "code (exp_ for a 3GPP Experimental-Result-Code)")
                            .tag("application", APPLICATIONS[app])
                            .tag("command", COMMANDS[command])
                            .tag("direction", DIRECTIONS[direction])
                            .tag("result", result)
                            .register(registry));
        }
        c.increment();
    }

    static int application(long id) {
        if (id == 0) {
            return 0;
        }
        return id == 16777216L ? 1 : 2;
    }

    static int command(int code) {
        return switch (code) {
            case 257 -> 0;
            case 280 -> 1;
            case 282 -> 2;
            case 300 -> 3;
            case 303 -> 4;
            case 301 -> 5;
            case 302 -> 6;
            case 304 -> 7;
            case 305 -> 8;
            default -> 9;
        };
    }

    /** {@link #result}, {@code other} for a grouped Experimental-Result that does not parse (never thrown at Netty). */
    private static String safeResult(DiameterMessage m) {
        try {
            return result(m);
        } catch (RuntimeException malformed) {
            return "other";
        }
    }

    /** The Result-Code, else {@code exp_} and the Experimental-Result-Code, {@code other} off the lists, or none. */
    static String result(DiameterMessage m) {
        Optional<Avp> base = m.find(AvpCodes.RESULT_CODE);
        if (base.isPresent()) {
            if (base.get().dataLength() != 4) {
                return "other";
            }
            long code = base.get().asUnsigned32();
            return BASE_CODES.contains(code) ? Long.toString(code) : "other";
        }
        Optional<Long> exp = m.find(AvpCodes.EXPERIMENTAL_RESULT)
                .flatMap(g -> g.child(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0))
                .filter(a -> a.dataLength() == 4)
                .map(Avp::asUnsigned32);
        if (exp.isPresent()) {
            return EXPERIMENTAL_CODES.contains(exp.get()) ? "exp_" + exp.get() : "other";
        }
        return "none";
    }
}
