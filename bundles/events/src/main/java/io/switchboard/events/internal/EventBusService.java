package io.switchboard.events.internal;

import io.switchboard.events.Event;
import io.switchboard.events.EventBus;
import io.switchboard.events.EventHandler;
import io.switchboard.events.EventStatistics;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import io.switchboard.settings.SettingsReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus in OSGi (PID {@code io.switchboard.events}): the {@link EventBus} service, and the same bus as a
 * {@code BiConsumer<String, Map<String, ?>>} with {@code switchboard.events=publish}, the publishing service of the
 * bundles that must work without this one (registrar, dialog, ...): a JDK type needs no import of this bundle's
 * package, so their optional reference simply stays empty when the bus is not installed. Settings changes apply at
 * once ({@code @Modified}); the subscriptions stay.
 */
@Component(
        service = {EventBus.class, BiConsumer.class, EventBusService.class},
        property = EventBus.PUBLISH_PROPERTY + "=publish",
        configurationPid = EventsSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EventsSettings.class)
public class EventBusService implements EventBus, BiConsumer<String, Map<String, ?>> {

    private static final Logger LOG = LoggerFactory.getLogger(EventBusService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<EventsSettings> SETTINGS = EventsConfig.reader(LOG::warn);

    private DefaultEventBus bus;
    private ExecutorService delivery;

    @Activate
    void activate(Map<String, Object> props) {
        EventsConfig c = EventsConfig.of(SETTINGS.read(props));
        AtomicInteger n = new AtomicInteger();
        delivery = Executors.newFixedThreadPool(c.deliveryThreads(), r -> {
            Thread t = new Thread(r, "switchboard-events-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        bus = new DefaultEventBus(c, delivery, System::currentTimeMillis);
        LOG.info("Event bus ready: {}", c);
    }

    @Modified
    void modified(Map<String, Object> props) {
        EventsConfig c = EventsConfig.of(SETTINGS.read(props));
        bus.configure(c);
        LOG.info("Event bus settings changed: {} (delivery_threads: next start)", c);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        bus.shutdown();
        delivery.shutdown();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The bus itself, for the component's wait producer and the listings. */
    DefaultEventBus bus() {
        return bus;
    }

    @Override
    public void accept(String type, Map<String, ?> attributes) {
        bus.publish(type, attributes);
    }

    @Override
    public Event publish(String type, Map<String, ?> attributes) {
        return bus.publish(type, attributes);
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, EventHandler handler) {
        return bus.subscribe(spec, handler);
    }

    @Override
    public List<Subscription> subscriptions() {
        return bus.subscriptions();
    }

    @Override
    public boolean unsubscribe(String id) {
        return bus.unsubscribe(id);
    }

    @Override
    public EventStatistics statistics() {
        return bus.statistics();
    }
}
