package io.switchboard.core.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.core} that the platform context itself uses, declared once (a method
 * {@code a_b} is the key {@code a.b}); {@code config:meta io.switchboard.core} shows them. Read by the platform's
 * {@code SettingsReader}, as in every other bundle, so a bad value is refused the same way everywhere: logged, and
 * the previous valid value kept, instead of an exception that kept the whole context from starting.
 *
 * <p>Every other key of the PID ({@code sip.host}, {@code sip.listener}, ...) is a Camel property that routes use
 * as {@code {{name}}}; those are not declared here, and the reader, which reads only its declared keys, leaves them
 * alone. The minimums are Camel's: a shutdown or route stop timeout of 0 throws.
 */
@ObjectClassDefinition(
        name = "Switchboard platform context",
        description = "The CamelContext switchboard; every other key of this PID is a Camel property ({{name}})")
@interface CoreSettings {

    String PID = "io.switchboard.core";

    @AttributeDefinition(description = "Folder of Camel XML DSL route files, watched (empty: ${karaf.base}/routes)")
    String routes_dir() default "";

    @AttributeDefinition(description = "Seconds the context waits for in-flight exchanges when it stops", min = "1")
    @Check(min = 1)
    int shutdown_timeout_seconds() default 10;

    @AttributeDefinition(
            description = "Milliseconds the routes of a replaced or deleted route file get to finish their exchanges",
            min = "1")
    @Check(min = 1)
    int routes_reload_stop_millis() default 500;

    @AttributeDefinition(
            description = "Milliseconds a request waits at most for a direct: route while a route file is swapped "
                    + "(more than routes.reload.stop.millis)",
            min = "0")
    @Check(min = 0)
    int routes_handover_wait_millis() default 2000;

    @AttributeDefinition(
            description = "Milliseconds the routes of a deleted route file stay in service, in case it comes back",
            min = "0")
    @Check(min = 0)
    int routes_delete_grace_millis() default 2000;

    @AttributeDefinition(
            description = "What Camel's JMX management registers: ContextOnly, RoutesOnly, Default (any case)")
    String management_mbeans_level() default "RoutesOnly";

    @AttributeDefinition(
            description = "Which counters Camel updates per exchange: Off, RoutesOnly, Default, Extended (any case)")
    String management_statistics_level() default "RoutesOnly";
}
