package io.switchboard.registrar.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The keys of PID {@code io.switchboard.registrar}, declared once (Kamailio registrar/auth names: a method
 * {@code a__b} is the key {@code a_b}); {@code config:meta io.switchboard.registrar} shows them.
 */
@ObjectClassDefinition(
        name = "Switchboard registrar",
        description = "registrar:save, registrar:authenticate, " + "location:lookup")
@interface RegistrarSettings {

    String PID = "io.switchboard.registrar";

    @AttributeDefinition(
            description =
                    "Digest realm; empty: the To domain (REGISTER), the From domain " + "(registrar:authenticate)",
            required = false)
    String realm() default "";

    @AttributeDefinition(description = "Digest authentication of REGISTER (false: unknown users get 404)")
    boolean auth() default true;

    @AttributeDefinition(
            description = "Challenges offered, in this order: MD5, SHA-256, comma-separated (MD5 alone "
                    + "by default: baresip 1.0.0 gives up on a 401 with any SHA-256 challenge)")
    @Check(pattern = "(?i)(MD5|SHA-?256)(\\s*,\\s*(MD5|SHA-?256))*", expected = "a list of MD5, SHA-256")
    String algorithms() default "MD5";

    @AttributeDefinition(description = "Longest registration, seconds (longer ones are shortened)", min = "1")
    @Check(min = 1)
    int max__expires() default 3600;

    @AttributeDefinition(
            description = "Shortest registration, seconds (shorter ones get 423); at most max_expires",
            min = "1")
    @Check(min = 1)
    int min__expires() default 60;

    @AttributeDefinition(description = "Expiry of a contact without one, seconds (within min/max_expires)", min = "1")
    @Check(min = 1)
    int default__expires() default 3600;

    @AttributeDefinition(description = "Seconds a nonce is valid", min = "1")
    @Check(min = 1)
    int nonce__expires() default 30;

    @AttributeDefinition(
            description = "Seconds after a REGISTER during which a copy with the same Call-ID and CSeq is a"
                    + " retransmission, answered like the first (200 with the bindings, nothing changed); later, or"
                    + " with 0, it is out of order (500). Kamailio usrloc's cseq_delay",
            min = "0")
    @Check(min = 0)
    int cseq__delay() default 20;

    @AttributeDefinition(
            description = "Seconds a refresh (a REGISTER that only extends the expiry of the same contacts) may wait"
                    + " before it is written to table registrar_contact; new, changed, removed and expired contacts"
                    + " are written within a second, everything at stop; 0 writes refreshes within a second too."
                    + " Kamailio usrloc's timer_interval (write-back, db_mode 2)",
            min = "0")
    @Check(min = 0)
    int timer__interval() default 60;

    @AttributeDefinition(
            description = "location:lookup's answer to a caller that has not authenticated (no"
                    + " SipAuthUser), for an unknown user and for a subscriber without live contacts alike: 404 or "
                    + "480, so"
                    + " that the answer does not tell which names are subscribers",
            options = {
                @Option(label = "404 Not Found", value = "404"),
                @Option(label = "480 Temporarily Unavailable", value = "480")
            })
    @Check(pattern = "404|480", expected = "404 or 480")
    int lookup__failure__status() default 404;
}
