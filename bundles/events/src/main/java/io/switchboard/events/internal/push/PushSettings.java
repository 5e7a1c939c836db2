package io.switchboard.events.internal.push;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.push} (RFC 8599 push notifications, routes/push.xml), declared once (a method
 * {@code a__b} is the key {@code a_b}); {@code config:meta io.switchboard.push} shows them. An empty
 * {@code push_url} keeps push off: push:notify then leaves every call alone.
 */
@ObjectClassDefinition(name = "Switchboard push notifications", description = "RFC 8599 wake-up of sleeping devices")
@interface PushSettings {

    String PID = "io.switchboard.push";

    @AttributeDefinition(description = "URL the pushes are POSTed to (a push gateway); empty: push is off")
    String push__url() default "";

    @AttributeDefinition(
            description = "Body of each POST; {pn-provider}, {pn-prid}, {pn-param}, {aor}, {call_id}, {from} are "
                    + "replaced (JSON-escaped)")
    String body__template() default
            "{\"provider\":\"{pn-provider}\",\"prid\":\"{pn-prid}\",\"param\":\"{pn-param}\",\"aor\":\"{aor}\","
                    + "\"call_id\":\"{call_id}\",\"from\":\"{from}\"}";

    @AttributeDefinition(description = "Content-Type of each POST")
    String content__type() default "application/json";

    @AttributeDefinition(description = "Seconds a call waits for the REGISTER of a woken device", min = "1")
    @Check(min = 1)
    int wait__seconds() default 30;

    @AttributeDefinition(description = "Milliseconds a POST may take; beyond, it counts as failed", min = "1")
    @Check(min = 1)
    int post__timeout__ms() default 5000;
}
