package io.switchboard.dfks.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.dfks}, declared once (a method {@code a_b} is the key {@code a.b});
 * {@code config:meta io.switchboard.dfks} shows them. Read by the platform's {@code SettingsReader}, as in every
 * other bundle, so a bad value is refused the same way everywhere: logged, and the previous valid value kept.
 */
@ObjectClassDefinition(name = "Switchboard DFKS", description = "Device Feature Key Synchronization (as-feature-event)")
@interface DfksSettings {

    String PID = "io.switchboard.dfks";

    @AttributeDefinition(description = "The route every read of a feature calls (routes/dfks.xml)")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String get_route() default DfksServiceComponent.DEFAULT_GET;

    @AttributeDefinition(description = "The route every write of a feature calls (routes/dfks.xml)")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String set_route() default DfksServiceComponent.DEFAULT_SET;

    @AttributeDefinition(
            description = "Seconds the get route's answer is kept per user (0: every read runs the get route)",
            min = "0",
            max = "3600")
    @Check(min = 0, max = 3600)
    int get_cache_seconds() default DfksServiceComponent.DEFAULT_CACHE_SECONDS;
}
