package io.switchboard.hep.internal;

import io.switchboard.settings.Check;
import io.switchboard.settings.Secret;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.hep}, declared once (a method {@code a_b} is the key {@code a.b});
 * {@code config:meta io.switchboard.hep} shows them.
 */
@ObjectClassDefinition(name = "Switchboard HEP capture", description = "HEPv3 copies of every SIP message to Homer")
@interface HepSettings {

    String PID = "io.switchboard.hep";

    @AttributeDefinition(description = "Send a HEPv3 copy of every SIP message received and sent")
    boolean enabled() default false;

    @AttributeDefinition(description = "The HEP collector (heplify-server, Homer)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "Its port", min = "1", max = "65535")
    @Check(min = 1, max = 65535)
    int port() default 9060;

    @AttributeDefinition(description = "udp (one packet per datagram) or tcp (a stream of packets)")
    @Check(pattern = "udp|tcp", expected = "udp or tcp")
    String transport() default "udp";

    @AttributeDefinition(description = "Capture agent id (chunk 0x000c)", min = "0", max = "4294967295")
    @Check(min = 0, max = 4294967295L)
    long capture_id() default 2001;

    @AttributeDefinition(
            description = "The collector's authentication key (chunk 0x000e); empty: none",
            type = AttributeType.PASSWORD,
            required = false)
    @Secret
    String auth_key() default "";

    @AttributeDefinition(description = "Send the Call-ID as correlation id (chunk 0x0011)")
    boolean correlation() default true;

    @AttributeDefinition(
            description = "Packets waiting to be sent; beyond, new ones are dropped (and counted)",
            min = "1")
    @Check(min = 1, max = 1000000)
    int queue_size() default 10000;
}
