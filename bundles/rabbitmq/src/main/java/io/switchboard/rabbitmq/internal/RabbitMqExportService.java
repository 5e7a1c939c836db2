package io.switchboard.rabbitmq.internal;

import io.switchboard.events.EventBus;
import io.switchboard.events.Subscription;
import io.switchboard.events.SubscriptionSpec;
import io.switchboard.rabbitmq.EventExport;
import io.switchboard.rabbitmq.ExportStatistics;
import io.switchboard.settings.SettingsReader;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export in OSGi (PID {@code io.switchboard.rabbitmq}): one lasting subscription on the event bus (type and
 * filter of the settings) whose handler is the {@link EventExporter}. A settings change restarts it (no
 * {@code @Modified}: the connection, the exchange and the buffer all depend on them); the events buffered then are
 * not sent, and the counters start again.
 */
@Component(
        service = {EventExport.class, RabbitMqExportService.class},
        configurationPid = RabbitMqSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RabbitMqSettings.class)
public class RabbitMqExportService implements EventExport {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqExportService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<RabbitMqSettings> SETTINGS = RabbitMqConfig.reader(LOG::warn);

    @Reference
    EventBus bus;

    private RabbitMqConfig config;
    private EventExporter exporter;
    private Subscription subscription;

    @Activate
    void activate(Map<String, Object> props) {
        config = RabbitMqConfig.of(SETTINGS.read(props));
        exporter = new EventExporter(
                new AmqpBroker(config),
                config.routingKey(),
                config.bufferSize(),
                config.reconnectMinMs(),
                config.reconnectMaxMs());
        exporter.start();
        subscription = bus.subscribe(
                SubscriptionSpec.of(config.type(), config.filter(), "rabbitmq " + config.exchange()), exporter);
        LOG.info("Events to RabbitMQ: {}", config);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        subscription.close();
        exporter.close();
    }

    /** The settings in use (shell, REST). */
    RabbitMqConfig config() {
        return config;
    }

    @Override
    public ExportStatistics statistics() {
        return exporter.statistics();
    }
}
