package io.switchboard.subscription.internal;

import io.switchboard.settings.Check;
import io.switchboard.sip.SipRequestSender;
import io.switchboard.sip.SourceSubnets;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.subscription}, declared once (OpenSIPS presence / Kamailio names and
 * defaults: a method {@code a__b} is the key {@code a_b}, {@code a_b} the key {@code a.b}); {@code config:meta
 * io.switchboard.subscription} shows them.
 */
@ObjectClassDefinition(
        name = "Switchboard subscriptions",
        description = "The SUBSCRIBE/NOTIFY layer of event " + "packages")
@interface SubscriptionSettings {

    String PID = "io.switchboard.subscription";

    @AttributeDefinition(
            description = "Shortest subscription, seconds (shorter ones get 423); at most max_expires",
            min = "1")
    @Check(min = 1)
    int min__expires() default 60;

    @AttributeDefinition(description = "Longest subscription, seconds (longer ones are shortened)", min = "1")
    @Check(min = 1)
    int max__expires() default 3600;

    @AttributeDefinition(
            description = "Expiry of a SUBSCRIBE without Expires, seconds (within min/max_expires)",
            min = "1")
    @Check(min = 1)
    int default__expires() default 3600;

    @AttributeDefinition(
            description = "Source addresses or subnets (comma-separated, e.g. 10.0.0.5,192.0.2.0/24) "
                    + "whose SUBSCRIBEs are not challenged: taken as from their From AoR, still authorized by the "
                    + "package; "
                    + "empty: every SUBSCRIBE is authenticated",
            required = false)
    @Check(pattern = SourceSubnets.PATTERN, expected = "IP addresses or subnets (a.b.c.d/n), comma-separated")
    String trusted__sources() default "";

    @AttributeDefinition(description = "The sip endpoint that sends the NOTIFYs (next start of the bundle)")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String notify_endpoint() default SipRequestSender.LISTENER;
}
