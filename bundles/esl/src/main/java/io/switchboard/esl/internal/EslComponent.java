package io.switchboard.esl.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.esl.EslException;
import io.switchboard.esl.EslOriginated;
import io.switchboard.esl.EslServerStatus;
import io.switchboard.esl.EslService;
import io.switchboard.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel component {@code esl} (FreeSWITCH Event Socket) and the {@link EslService} of REST and the shell. It owns
 * what its endpoints share: one Netty event loop group for every socket, the inbound connections by server (one
 * per server, however many endpoints use it; opened by the first user, so a configured server nobody uses is never
 * dialled), the outbound calls by UUID, and the worker threads routes continue on (never a Netty thread, which a
 * slow route would stall for every socket).
 */
@Component(
        service = {org.apache.camel.Component.class, EslService.class, EslComponent.class},
        property = "camel.name=esl",
        configurationPid = EslSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EslSettings.class)
public class EslComponent extends DefaultComponent implements EslService {

    private static final Logger LOG = LoggerFactory.getLogger(EslComponent.class);
    /** Static: the last valid settings outlive a re-activation. */
    private static final SettingsReader<EslSettings> SETTINGS =
            new SettingsReader<>(EslSettings.PID, EslSettings.class, LOG::warn);

    private volatile EslSettings settings = SETTINGS.defaults();
    private final Map<String, ServerDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, InboundClient> clients = new ConcurrentHashMap<>();
    private final OutboundCalls calls = new OutboundCalls();
    private EventLoopGroup group;
    private ExecutorService workers;

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        settings = SETTINGS.read(properties);
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addServer(EslServerConfig config) {
        addServer(config.definition());
    }

    void removeServer(EslServerConfig config) {
        ServerDefinition d = config.definition();
        definitions.remove(d.name(), d);
    }

    /** Adds or replaces a server (its file changed: a connection of it reconnects with the new settings). */
    public void addServer(ServerDefinition d) {
        definitions.put(d.name(), d);
        InboundClient c = clients.get(d.name());
        if (c != null && !c.server().equals(d)) {
            c.reconfigure(d);
        }
    }

    EslSettings settings() {
        return settings;
    }

    Timing timing() {
        return Timing.of(settings);
    }

    OutboundCalls calls() {
        return calls;
    }

    synchronized EventLoopGroup group() {
        if (group == null) {
            group = new NioEventLoopGroup(2, new DefaultThreadFactory("switchboard-esl-io", true));
        }
        return group;
    }

    /** The threads routes run and continue on: bounded, a caller's thread when all are busy and the queue full. */
    synchronized ExecutorService workers() {
        if (workers == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor t = new ThreadPoolExecutor(
                    4,
                    64,
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(100_000),
                    r -> {
                        Thread th = new Thread(r, "switchboard-esl-" + n.incrementAndGet());
                        th.setDaemon(true);
                        return th;
                    },
                    new ThreadPoolExecutor.CallerRunsPolicy());
            t.allowCoreThreadTimeOut(true);
            workers = t;
        }
        return workers;
    }

    /** The started connection of a configured server. */
    public InboundClient client(String name) {
        ServerDefinition d = definitions.get(name);
        if (d == null) {
            throw new EslException(
                    "no FreeSWITCH server named " + name + ": add etc/io.switchboard.esl.server-" + name
                            + ".cfg or give host= in the endpoint URI (configured: " + definitions.keySet() + ")",
                    (String) null);
        }
        InboundClient c = clients.computeIfAbsent(name, k -> new InboundClient(d, group(), timing()));
        c.start();
        return c;
    }

    /** The started connection of an endpoint: its configured server, or the one its host option names. */
    InboundClient client(EslConfiguration c) {
        if (c.getHost() == null) {
            return client(c.getServer());
        }
        int port = c.getPort() == null ? 8021 : c.getPort();
        String key = c.getHost() + ":" + port;
        ServerDefinition d =
                new ServerDefinition(key, c.getHost(), port, c.getPassword(), Set.of(), c.getFormat(), List.of());
        InboundClient client = clients.computeIfAbsent(key, k -> new InboundClient(d, group(), timing()));
        client.start();
        return client;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EslConfiguration c = new EslConfiguration();
        c.setKind(remaining);
        setProperties(c, parameters);
        if (!List.of("api", "bgapi", "events", "outbound", "execute", "hangup").contains(remaining)) {
            throw new IllegalArgumentException("esl:" + remaining
                    + " does not exist: use esl:api, esl:bgapi, esl:events, esl:outbound, esl:execute or esl:hangup");
        }
        ServerDefinition.eventNames(c.getEvents());
        ServerDefinition.filters(c.getFilters());
        return new EslEndpoint(uri, this, c);
    }

    @Override
    public CompletableFuture<EslOriginated> originate(
            String server, String callUrl, String destination, Map<String, String> variables, Duration timeout) {
        String name = server == null || server.isBlank() ? settings.originate_server() : server;
        Originate o = Originate.of(callUrl, destination, variables);
        InboundClient c = client(name);
        InboundClient.BackgroundJob job = c.bgapi(o.command(), timeout);
        return job.accepted().thenCombine(job.result(), (id, event) -> {
            String out = event.body() == null ? "" : event.body().strip();
            if (!out.startsWith("+OK")) {
                throw new EslException("FreeSWITCH " + name + " could not originate: " + out, out);
            }
            return new EslOriginated(o.uuid(), id, name);
        });
    }

    /** The REST and shell time-out of originate. */
    public Duration originateTimeout() {
        return Timing.seconds(settings.originate_timeout());
    }

    /**
     * Inbound connections in {@code state} ({@code idle}, {@code connecting}, {@code authenticating},
     * {@code connected}, {@code waiting}; configured servers nobody dialled yet are idle). Reads the maps without a
     * lock, for the metrics' gauge.
     */
    public int inboundIn(String state) {
        int n = 0;
        for (InboundClient c : clients.values()) {
            if (c.stateName().equals(state)) {
                n++;
            }
        }
        if ("idle".equals(state)) {
            for (String name : definitions.keySet()) {
                if (!clients.containsKey(name)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Outbound calls whose socket is open (the metrics' gauge). */
    public int outboundSessions() {
        return calls().size();
    }

    @Override
    public List<EslServerStatus> servers() {
        List<EslServerStatus> out = new ArrayList<>();
        for (ServerDefinition d : definitions.values()) {
            InboundClient c = clients.get(d.name());
            out.add(c != null ? c.status() : new EslServerStatus(d.name(), d.host(), d.port(), "idle", null));
        }
        for (Map.Entry<String, InboundClient> e : clients.entrySet()) {
            if (!definitions.containsKey(e.getKey())) {
                out.add(e.getValue().status());
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    protected void doShutdown() throws Exception {
        closeAll();
        super.doShutdown();
    }

    private synchronized void closeAll() {
        clients.values().forEach(InboundClient::stop);
        clients.clear();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
        }
        if (workers != null) {
            workers.shutdown();
            workers = null;
        }
    }
}
