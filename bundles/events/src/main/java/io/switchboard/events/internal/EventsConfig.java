package io.switchboard.events.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.events} as the bus uses them; declared in {@link EventsSettings}.
 *
 * @param queueSize        events queued for delivery in all ({@code queue_size})
 * @param maxSubscriptions live subscriptions at most ({@code max_subscriptions})
 * @param deliveryThreads  delivery threads ({@code delivery_threads})
 */
public record EventsConfig(int queueSize, int maxSubscriptions, int deliveryThreads) {

    public static final EventsConfig DEFAULTS = of(reader(w -> {}).defaults());

    static SettingsReader<EventsSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(EventsSettings.PID, EventsSettings.class, warnings);
    }

    static EventsConfig of(EventsSettings s) {
        return new EventsConfig(s.queue__size(), s.max__subscriptions(), s.delivery__threads());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    public static EventsConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(EventsConfig.class)::warn).read(p));
    }
}
