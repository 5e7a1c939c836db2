package io.switchboard.rabbitmq.internal;

import io.switchboard.events.EventFilter;
import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.rabbitmq} as the export uses them; declared in {@link RabbitMqSettings}.
 *
 * @param uri             the broker ({@code uri})
 * @param user            user name ({@code user})
 * @param password        password ({@code password}), never shown by {@link #toString()}
 * @param exchange        exchange ({@code exchange})
 * @param declareExchange declare it, durable topic ({@code exchange_declare})
 * @param routingKey      routing key pattern ({@code routing_key})
 * @param type            event type, {@code *} for all ({@code type})
 * @param filter          filter on the attributes ({@code filter})
 * @param bufferSize      events buffered at most ({@code buffer_size})
 * @param reconnectMinMs  first back-off ({@code reconnect_min_ms})
 * @param reconnectMaxMs  longest back-off ({@code reconnect_max_ms})
 */
public record RabbitMqConfig(
        String uri,
        String user,
        String password,
        String exchange,
        boolean declareExchange,
        RoutingKey routingKey,
        String type,
        EventFilter filter,
        int bufferSize,
        long reconnectMinMs,
        long reconnectMaxMs) {

    static SettingsReader<RabbitMqSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(RabbitMqSettings.PID, RabbitMqSettings.class, warnings)
                .rule(
                        "reconnect_min_ms <= reconnect_max_ms",
                        s -> s.reconnect__min__ms() <= s.reconnect__max__ms(),
                        "reconnect_min_ms",
                        "reconnect_max_ms")
                .rule(
                        "filter parses (the event bus's filter syntax)",
                        s -> parses(() -> EventFilter.parse(s.filter())),
                        "filter")
                .rule(
                        "routing_key has no unclosed '{'",
                        s -> parses(() -> RoutingKey.parse(s.routing__key())),
                        "routing_key");
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static RabbitMqConfig of(RabbitMqSettings s) {
        return new RabbitMqConfig(
                s.uri(),
                s.user(),
                s.password(),
                s.exchange(),
                s.exchange__declare(),
                RoutingKey.parse(s.routing__key()),
                s.type(),
                EventFilter.parse(s.filter()),
                s.buffer__size(),
                s.reconnect__min__ms(),
                s.reconnect__max__ms());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    public static RabbitMqConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(RabbitMqConfig.class)::warn).read(p));
    }

    @Override
    public String toString() {
        return "uri=" + uri.replaceFirst("//[^/@]*@", "//***@") + " user=" + user + " exchange=" + exchange
                + (declareExchange ? " (declared)" : "") + " routing_key=" + routingKey + " type=" + type + " filter=["
                + filter + "] buffer_size="
                + bufferSize + " reconnect=" + reconnectMinMs + ".." + reconnectMaxMs + "ms";
    }
}
