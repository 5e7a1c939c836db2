package io.switchboard.esl.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.esl.internal.EslComponent;
import io.switchboard.esl.internal.EslMeters;
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
 * The Event Socket's meters in the platform's meter registry (bundles/metrics): inbound connections by state,
 * outbound call sockets open, events read by name (a fixed list, else {@code other}) and socket, api and bgapi
 * commands by outcome. The only class of this bundle that sees Micrometer (imported optionally): without the
 * metrics bundle it is never satisfied and the sockets count into a no-op.
 */
@Component(
        immediate = true,
        service = {})
public class EslMeterBinding implements EslMeters.Sink {

    static final String CONNECTIONS = "switchboard.esl.inbound.connections";
    static final String SESSIONS = "switchboard.esl.outbound.sessions";
    static final String EVENTS = "switchboard.esl.events";
    static final String COMMANDS = "switchboard.esl.commands";

    private static final String EVENTS_HELP =
            "Events read from FreeSWITCH by name and socket (inbound connection or outbound call)";
    private static final String[] STATES = {"idle", "connecting", "authenticating", "connected", "waiting", "stopped"};

    /** FreeSWITCH's events that routes and the platform act on; any other name (CUSTOM subclasses too) is other. */
    static final Set<String> EVENT_NAMES = Set.of(
            "CHANNEL_CREATE",
            "CHANNEL_DESTROY",
            "CHANNEL_STATE",
            "CHANNEL_CALLSTATE",
            "CHANNEL_ANSWER",
            "CHANNEL_HANGUP",
            "CHANNEL_HANGUP_COMPLETE",
            "CHANNEL_EXECUTE",
            "CHANNEL_EXECUTE_COMPLETE",
            "CHANNEL_BRIDGE",
            "CHANNEL_UNBRIDGE",
            "CHANNEL_PROGRESS",
            "CHANNEL_PROGRESS_MEDIA",
            "CHANNEL_ORIGINATE",
            "CHANNEL_PARK",
            "CHANNEL_DATA",
            "DTMF",
            "BACKGROUND_JOB",
            "HEARTBEAT",
            "CUSTOM",
            "PLAYBACK_START",
            "PLAYBACK_STOP",
            "RECORD_START",
            "RECORD_STOP",
            "PRESENCE_IN",
            "MESSAGE_WAITING",
            "API",
            "RE_SCHEDULE");

    @Reference
    MeterRegistry registry;

    @Reference
    EslComponent esl;

    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Activate
    void activate() {
        for (String state : STATES) {
            meters.add(Gauge.builder(CONNECTIONS, esl, e -> e.inboundIn(state))
                    .description("Inbound Event Socket connections to FreeSWITCH servers by state (configured "
                            + "servers no endpoint used yet: idle)")
                    .tag("state", state)
                    .register(registry));
        }
        meters.add(Gauge.builder(SESSIONS, esl, EslComponent::outboundSessions)
                .description("Outbound Event Socket calls (FreeSWITCH's socket application) with their socket open")
                .register(registry));
        for (String kind : new String[] {"api", "bgapi"}) {
            for (String outcome : new String[] {EslMeters.OK, EslMeters.ERROR, EslMeters.FAILED}) {
                counter(kind, outcome);
            }
        }
        EslMeters.use(this);
    }

    @Deactivate
    void deactivate() {
        EslMeters.use(null);
        meters.forEach(registry::remove);
        counters.values().forEach(registry::remove);
        meters.clear();
        counters.clear();
    }

    @Override
    public void event(String name, boolean outbound) {
        String event = EVENT_NAMES.contains(name) ? name : "other";
        String socket = outbound ? "outbound" : "inbound";
        String key = EVENTS + "|" + event + "|" + socket;
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(
                    key,
                    k -> Counter.builder(EVENTS)
                            .description(EVENTS_HELP)
                            .tag("event", event)
                            .tag("socket", socket)
                            .register(registry));
        }
        c.increment();
    }

    @Override
    public void command(String kind, String outcome) {
        counter(kind, outcome).increment();
    }

    private Counter counter(String kind, String outcome) {
        String key = COMMANDS + "|" + kind + "|" + outcome;
        Counter c = counters.get(key);
        return c != null
                ? c
                : counters.computeIfAbsent(
                        key,
                        k -> Counter.builder(COMMANDS)
                                .description(
                                        "api and bgapi commands by reply: ok, error (-ERR), failed (no reply in time "
                                                + "or no connection)")
                                .tag("command", kind)
                                .tag("outcome", outcome)
                                .register(registry));
    }
}
