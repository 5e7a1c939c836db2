package io.switchboard.events.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.events}, declared once (a method {@code a__b} is the key {@code a_b});
 * {@code config:meta io.switchboard.events} shows them.
 */
@ObjectClassDefinition(name = "Switchboard event bus", description = "Events, subscriptions and suspended routes")
@interface EventsSettings {

    String PID = "io.switchboard.events";

    @AttributeDefinition(
            description = "Events queued for delivery in all; beyond, a lasting subscription's delivery is dropped "
                    + "and counted",
            min = "1")
    @Check(min = 1)
    int queue__size() default 10000;

    @AttributeDefinition(
            description = "Live subscriptions at most (waits included); beyond, a new one fails",
            min = "1")
    @Check(min = 1)
    int max__subscriptions() default 100000;

    @AttributeDefinition(description = "Threads delivering events to handlers (next start of the bundle)", min = "1")
    @Check(min = 1)
    int delivery__threads() default 2;
}
