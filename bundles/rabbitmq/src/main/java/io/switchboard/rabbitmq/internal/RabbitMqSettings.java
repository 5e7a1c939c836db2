package io.switchboard.rabbitmq.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.rabbitmq}, declared once (a method {@code a__b} is the key {@code a_b});
 * {@code config:meta io.switchboard.rabbitmq} shows them.
 */
@ObjectClassDefinition(
        name = "Switchboard events to RabbitMQ",
        description = "Platform events published to an AMQP " + "exchange as JSON (OpenSIPS event_rabbitmq)")
@interface RabbitMqSettings {

    String PID = "io.switchboard.rabbitmq";

    @AttributeDefinition(
            description = "The broker: amqp://host:port/vhost (amqps:// for TLS); user and password " + "below")
    @Check(pattern = "amqps?://.+", expected = "amqp://host[:port][/vhost] or amqps://...")
    String uri() default "amqp://127.0.0.1:5672";

    @AttributeDefinition(description = "User name on the broker")
    String user() default "guest";

    @AttributeDefinition(description = "Password on the broker", type = AttributeType.PASSWORD, required = false)
    @Secret
    String password() default "guest";

    @AttributeDefinition(description = "Exchange the events are published to")
    @Check(pattern = "[A-Za-z0-9_.:-]+", expected = "an exchange name (letters, digits, _ . : -)")
    String exchange() default "switchboard.events";

    @AttributeDefinition(description = "Declare the exchange (durable, topic) when connecting; false: it must exist")
    boolean exchange__declare() default true;

    @AttributeDefinition(
            description = "Routing key of each event: {type}, {key} (aor or call_id) and {NAME} (an "
                    + "attribute) are replaced")
    @Check(pattern = ".+", expected = "a pattern such as {type}.{key}")
    String routing__key() default "{type}.{key}";

    @AttributeDefinition(description = "Event type exported; * for every type")
    @Check(pattern = "[A-Za-z0-9_.:*-]+", expected = "an event type or *")
    String type() default "*";

    @AttributeDefinition(
            description = "Filter on the attributes, as the event bus's (aor^=sip:100,state=ended); "
                    + "empty: every event of the type",
            required = false)
    String filter() default "";

    @AttributeDefinition(
            description = "Events waiting to be sent at most; beyond, new events are dropped and " + "counted",
            min = "1")
    @Check(min = 1)
    int buffer__size() default 10000;

    @AttributeDefinition(
            description = "Milliseconds before the first reconnection attempt; doubled after each " + "failure",
            min = "1")
    @Check(min = 1)
    int reconnect__min__ms() default 500;

    @AttributeDefinition(description = "Milliseconds between reconnection attempts at most", min = "1")
    @Check(min = 1)
    int reconnect__max__ms() default 30000;
}
