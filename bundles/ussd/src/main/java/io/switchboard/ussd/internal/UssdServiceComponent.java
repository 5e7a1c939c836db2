package io.switchboard.ussd.internal;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import io.switchboard.settings.SettingsReader;
import io.switchboard.store.SubscriberStore;
import io.switchboard.ussd.UssdService;
import io.switchboard.ussd.UssdSessionInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
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
 * The USSD gateway in OSGi (PID {@code io.switchboard.ussd}): the {@link UssdService}, and the engine behind
 * {@code ussd:session}. Settings changes apply at once ({@code @Modified}): the live sessions stay.
 */
@Component(
        service = {UssdService.class, UssdServiceComponent.class},
        configurationPid = UssdSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = UssdSettings.class)
public class UssdServiceComponent implements UssdService {

    private static final Logger LOG = LoggerFactory.getLogger(UssdServiceComponent.class);
    private static final String ADVERTISED = "{{sip.advertised.host}}";
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<UssdSettings> SETTINGS = UssdConfig.reader(LOG::warn);
    /** Menu route calls at once; a route that blocks (a slow database) holds one until it ends. */
    static final int MENU_THREADS = 8;

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile LocationService location;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SubscriberStore subscriberStore;

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while sessions run.
     */
    private final EventPublisher eventBus = new EventPublisher();

    @Reference(
            name = "eventBus",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = EventPublisher.TARGET)
    void bindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.bind(bus);
    }

    void unbindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.unbind(bus);
    }

    private ProducerTemplate template;
    private CamelSender sender;
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private UssdGateway gateway;

    @Activate
    void activate(Map<String, Object> props) {
        UssdConfig c = config(props);
        template = camelContext.createProducerTemplate();
        sender = new CamelSender(camelContext, c.sipEndpoint());
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "switchboard-ussd-timer"));
        t.setRemoveOnCancelPolicy(true); // every INFO re-arms the timer: do not keep the cancelled ones queued
        timer = t;
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(
                MENU_THREADS,
                MENU_THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000),
                r -> daemon(r, "switchboard-ussd-menu-" + n.incrementAndGet()));
        gateway = new UssdGateway(
                c,
                UssdGatewayOptions.builder()
                        .sender(sender)
                        .menu(new CamelMenu(template))
                        .timer(timer)
                        .workers(workers)
                        .location(this::contacts)
                        .advertisedHost(advertisedHost())
                        .clock(System::currentTimeMillis)
                        .events(new SessionEvents(eventBus))
                        .build());
        gateway.subscribers(this::isSubscriber);
        LOG.info("USSD gateway ready: {}", c);
    }

    private UssdConfig config(Map<String, Object> props) {
        return UssdConfig.of(SETTINGS.read(props)).resolved(v -> resolve(v.replace(ADVERTISED, advertisedHost()), v));
    }

    /**
     * {@code sip.advertised.host}, or when it is empty (the listener chooses per peer) this host's primary
     * address, which a network-initiated session's SDP and {@code as.uri} need as one fixed value.
     */
    private String advertisedHost() {
        String configured = resolve(ADVERTISED, "");
        return configured.isBlank() ? primaryAddress() : configured.trim();
    }

    /** The first IPv4 address of an interface that is up and not loopback; 127.0.0.1 without one. */
    static String primaryAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                            return a.getHostAddress();
                        }
                    }
                }
            }
        } catch (SocketException e) {
            LOG.debug("Cannot list the network interfaces", e);
        }
        return "127.0.0.1";
    }

    private String resolve(String text, String fallback) {
        try {
            return camelContext.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    @Modified
    void modified(Map<String, Object> props) {
        UssdConfig c = config(props);
        if (!c.sipEndpoint().equals(gateway.config().sipEndpoint())) {
            LOG.warn("ussd sip.endpoint changes apply at the next start of the ussd bundle");
        }
        gateway.configure(c);
        LOG.info("USSD settings changed: {}", c);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        gateway.shutdown();
        timer.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        sender.stop();
        try {
            template.stop();
        } catch (RuntimeException e) {
            LOG.debug("producer template stop", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** True when {@code aor} is a subscriber, or when that cannot be told (no store). */
    private boolean isSubscriber(String aor) {
        SubscriberStore s = subscriberStore;
        int at = aor.lastIndexOf('@');
        if (s == null || at <= 0) {
            return true;
        }
        try {
            return s.find(aor.substring(0, at), aor.substring(at + 1)).isPresent();
        } catch (RuntimeException e) {
            return true; // the store is down: say "not registered", which is true too
        }
    }

    private List<String> contacts(String aor) {
        LocationService l = location;
        return l == null
                ? List.of()
                : l.lookup(aor).stream().map(ContactBinding::uri).toList();
    }

    boolean serves(Exchange exchange) {
        return gateway.serves(exchange);
    }

    boolean serves(Message request) {
        return gateway.serves(request);
    }

    void handle(Exchange exchange) {
        gateway.handle(exchange);
    }

    @Override
    public List<UssdSessionInfo> sessions() {
        return gateway.sessions();
    }

    @Override
    public CompletableFuture<UssdSessionInfo> start(
            String subscriber, String text, boolean notify, String language, String menuRoute) {
        UssdSession.Origin origin = notify ? UssdSession.Origin.NETWORK_NOTIFY : UssdSession.Origin.NETWORK_REQUEST;
        return start(subscriber, text, origin, language, menuRoute);
    }

    /** {@link #start(String, String, boolean, String, String)} for the ussd component's endpoints. */
    CompletableFuture<UssdSessionInfo> start(
            String subscriber, String text, UssdSession.Origin origin, String language, String menuRoute) {
        return gateway.start(subscriber, text, origin, language, menuRoute);
    }
}
