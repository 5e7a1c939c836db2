package io.switchboard.pike.internal;

import io.switchboard.settings.Check;
import io.switchboard.sip.SourceSubnets;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The keys of PID {@code io.switchboard.pike}, declared once (Kamailio's pike names where it has them: a method
 * {@code a__b} is the key {@code a_b}); {@code config:meta io.switchboard.pike} shows them.
 */
@ObjectClassDefinition(
        name = "Switchboard pike",
        description = "Per-source request-rate limit and bans after failed authentications")
@interface PikeSettings {

    String PID = "io.switchboard.pike";

    @AttributeDefinition(description = "Seconds of one sampling window of the request rate (Kamailio pike)", min = "1")
    @Check(min = 1)
    int sampling__time__unit() default 2;

    @AttributeDefinition(
            description = "Requests one source may send in a sampling window; more is a flood and bans the source"
                    + " (0: no rate limit)",
            min = "0")
    @Check(min = 0)
    int reqs__density__per__unit() default 30;

    @AttributeDefinition(
            description =
                    "Failed digest authentications from one source within auth_fail_window that ban it" + " (0: never)",
            min = "0")
    @Check(min = 0)
    int auth__fail__threshold() default 10;

    @AttributeDefinition(
            description = "Failed authentications for one user, from any sources, within auth_fail_window after which"
                    + " every source that fails for that user is banned at its next failure (0: never)",
            min = "0")
    @Check(min = 0)
    int auth__fail__user__threshold() default 30;

    @AttributeDefinition(description = "Seconds over which failed authentications are counted", min = "1")
    @Check(min = 1)
    int auth__fail__window() default 60;

    @AttributeDefinition(description = "Seconds a banned source stays banned", min = "1")
    @Check(min = 1)
    int ban__time() default 300;

    @AttributeDefinition(
            description = "What a banned source gets: drop (nothing: it cannot tell a ban from a dead server) or 403",
            options = {@Option(label = "drop", value = "drop"), @Option(label = "403 Forbidden", value = "403")})
    @Check(pattern = "drop|403", expected = "drop or 403")
    String ban__action() default "drop";

    @AttributeDefinition(
            description = "Sources never limited nor banned: IP addresses or subnets (a.b.c.d/n), comma-separated;"
                    + " empty: none",
            required = false)
    @Check(pattern = SourceSubnets.PATTERN, expected = "IP addresses or subnets (a.b.c.d/n), comma-separated")
    String exempt__sources() default "127.0.0.1,::1";

    @AttributeDefinition(
            description = "Most sources (and users) followed at once; past it new ones are not counted until old"
                    + " ones expire",
            min = "1000")
    @Check(min = 1000)
    int max__entries() default 100000;
}
