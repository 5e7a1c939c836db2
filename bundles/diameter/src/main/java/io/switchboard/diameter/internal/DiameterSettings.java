package io.switchboard.diameter.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.diameter}, declared once ({@code a_b} is the key {@code a.b}, {@code a__b}
 * the key {@code a_b}); {@code config:meta io.switchboard.diameter} shows them. Times are seconds.
 */
@ObjectClassDefinition(name = "Switchboard Diameter", description = "Diameter base protocol node (RFC 6733)")
@interface DiameterSettings {

    String PID = "io.switchboard.diameter";

    @AttributeDefinition(description = "Address the Diameter TCP server binds (127.0.0.1: safe by default)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port of the Diameter server (0: no server, outgoing peers only)", min = "0")
    @Check(min = 0, max = 65535)
    int port() default 3868;

    @AttributeDefinition(description = "Our Diameter identity (Origin-Host), an FQDN")
    @Check(pattern = "[A-Za-z0-9.-]+", expected = "an FQDN")
    String origin_host() default "hss.switchboard.localdomain";

    @AttributeDefinition(description = "Our realm (Origin-Realm)")
    @Check(pattern = "[A-Za-z0-9.-]+", expected = "a realm")
    String origin_realm() default "switchboard.localdomain";

    @AttributeDefinition(
            description = "Peers, comma-separated: identity (accepted when it connects) or identity=host:port"
                    + " (we connect to it too)")
    @Check(pattern = PeerConfig.LIST, expected = "identity or identity=host:port, comma-separated")
    String peers() default "";

    @AttributeDefinition(description = "Realms whose every host is accepted, comma-separated")
    @Check(pattern = "[A-Za-z0-9., -]*", expected = "realms, comma-separated")
    String realms() default "";

    @AttributeDefinition(description = "Applications we advertise in CER/CEA, comma-separated dictionary names")
    @Check(pattern = "[a-z0-9, -]+", expected = "application names")
    String applications() default "cx";

    @AttributeDefinition(
            description = "Seconds of silence before a DWR (Tw, RFC 3539); no DWA within it: failover",
            min = "0.1")
    @Check(min = 0.1)
    double watchdog_interval() default 30;

    @AttributeDefinition(description = "Seconds a request sent by us waits for its answer", min = "0.01")
    @Check(min = 0.01)
    double request_timeout() default 10;

    @AttributeDefinition(description = "Longest wait in seconds between attempts to connect to a peer", min = "0.1")
    @Check(min = 0.1)
    double reconnect_max() default 30;

    @AttributeDefinition(
            description = "Largest message accepted in octets; a longer one closes the connection",
            min = "64")
    @Check(min = 64, max = 16777215)
    int max__message__size() default 1048576;

    @AttributeDefinition(description = "Product-Name in CER/CEA")
    String product_name() default "Switchboard";
}
