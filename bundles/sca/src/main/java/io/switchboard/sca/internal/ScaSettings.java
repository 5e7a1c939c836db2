package io.switchboard.sca.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.sca}, declared once: names and defaults of Kamailio's sca module where it has
 * them (a method {@code a__b} is the key {@code a_b}); {@code config:meta io.switchboard.sca} shows them.
 */
@ObjectClassDefinition(name = "Switchboard SCA", description = "Shared Call Appearances (call-info, line-seize)")
@interface ScaSettings {

    String PID = "io.switchboard.sca";

    @AttributeDefinition(
            description =
                    "Longest call-info subscription, seconds; also the expiry of a SUBSCRIBE " + "without Expires",
            min = "1")
    @Check(min = 1)
    int call__info__max__expires() default 3600;

    @AttributeDefinition(description = "Longest line-seize subscription, seconds; also the default", min = "1")
    @Check(min = 1)
    int line__seize__max__expires() default 15;

    @AttributeDefinition(description = "Seconds between two expiry sweeps of SCA subscriptions", min = "1")
    @Check(min = 1)
    int purge__expired__interval() default 120;

    @AttributeDefinition(description = "Seconds between two writes of SCA subscription changes", min = "1")
    @Check(min = 1)
    int db__update__interval() default 300;

    @AttributeDefinition(
            description = "log2 of the initial size of the appearance tables (next start)",
            min = "1",
            max = "20")
    @Check(min = 1, max = 20)
    int hash__table__size() default 9;

    @AttributeDefinition(
            description = "Contact of the SUBSCRIBE answers and NOTIFYs; empty: the Request-URI",
            required = false)
    String server__address() default "";

    @AttributeDefinition(description = "Appearances per line, 480 past it; 0: no limit (next start)", min = "0")
    @Check(min = 0)
    int max__appearances() default 10;

    @AttributeDefinition(description = "Seconds a seized appearance without a call lives", min = "1")
    @Check(min = 1)
    int seized__ttl() default 120;

    @AttributeDefinition(description = "Seconds an answered call without ACK stays active-pending", min = "1")
    @Check(min = 1)
    int active__pending__ttl() default 35;
}
