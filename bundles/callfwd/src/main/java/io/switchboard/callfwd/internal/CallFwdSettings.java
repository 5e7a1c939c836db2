package io.switchboard.callfwd.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.callfwd}, declared once (a method {@code a__b} is the key {@code a_b});
 * {@code config:meta io.switchboard.callfwd} shows them. Changes apply to the next call.
 */
@ObjectClassDefinition(
        name = "Switchboard call features",
        description = "Do-Not-Disturb and call forwarding applied to calls")
@interface CallFwdSettings {

    String PID = "io.switchboard.callfwd";

    @AttributeDefinition(description = "The answer to a call for a user with Do-Not-Disturb on: 486, 480 or 603")
    @Check(pattern = "486|480|603", expected = "486, 480 or 603")
    int dnd__status() default 486;

    @AttributeDefinition(
            description = "A SIP URI (a voicemail) calls for a user with Do-Not-Disturb on are forwarded to instead"
                    + " of dnd_status; empty: answer dnd_status")
    @Check(pattern = "|sips?:.+", expected = "empty or a sip: URI")
    String dnd__target() default "";

    @AttributeDefinition(
            description = "Seconds one ring lasts for Call Forwarding No Answer (ringCount x this)",
            min = "0.1")
    @Check(min = 0.1, max = 60)
    double ring__interval() default 6;

    @AttributeDefinition(
            description = "Rings before Call Forwarding No Answer forwards when the user's feature has no ringCount",
            min = "1",
            max = "20")
    @Check(min = 1, max = 20)
    int ring__count() default 4;

    @AttributeDefinition(
            description =
                    "Forwards one call may take (those it arrived with counted); one more is answered" + " loop_status",
            min = "1")
    @Check(min = 1, max = 20)
    int max__forwards() default 5;

    @AttributeDefinition(description = "The answer to a forward loop or a chain past max_forwards: 482 or 480")
    @Check(pattern = "482|480", expected = "482 or 480")
    int loop__status() default 482;

    @AttributeDefinition(
            description = "Regular expressions, comma-separated, of forward targets outside our domains that may be"
                    + " dialled (matched against the whole URI); empty: no external forward")
    String external__allow() default "";

    @AttributeDefinition(description = "Put History-Info (RFC 7044, cause of RFC 4458) on forwarded INVITEs")
    boolean history__info() default true;

    @AttributeDefinition(description = "Put Diversion (RFC 5806) on forwarded INVITEs, for PBXs that still need it")
    boolean diversion() default false;
}
