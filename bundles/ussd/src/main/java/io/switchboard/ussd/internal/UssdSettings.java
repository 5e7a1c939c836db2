package io.switchboard.ussd.internal;

import io.switchboard.settings.Check;
import io.switchboard.sip.SipRequestSender;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.ussd}, declared once (a method {@code a__b} is the key {@code a_b},
 * {@code a_b} the key {@code a.b}); {@code config:meta io.switchboard.ussd} shows them. Times are seconds,
 * fractions allowed (the unit tests use 0.2).
 */
@ObjectClassDefinition(name = "Switchboard USSD gateway", description = "USSD for IMS (3GPP TS 24.390)")
@interface UssdSettings {

    String PID = "io.switchboard.ussd";

    @AttributeDefinition(description = "The route every step of a session calls")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String menu_route() default "direct:ussd";

    @AttributeDefinition(description = "Seconds a session waits for the user's next answer", min = "0.001")
    @Check(min = 0.001)
    double session__timeout() default 60;

    @AttributeDefinition(description = "Seconds one call of the menu route may take", min = "0.001")
    @Check(min = 0.001)
    double route__timeout() default 10;

    @AttributeDefinition(description = "Seconds to wait for the ACK of our 200 (64*T1)", min = "0.001")
    @Check(min = 0.001)
    double ack__timeout() default 32;

    @AttributeDefinition(description = "Language of our answers when neither the UE nor the route gave one")
    String language() default "en";

    @AttributeDefinition(description = "Our From in network-initiated INVITEs")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String as_uri() default UssdConfig.DEFAULT_AS_URI;

    @AttributeDefinition(
            description = "Live sessions at once; a new one beyond gets 486 (SIP) or 503 (REST)",
            min = "1")
    @Check(min = 1)
    int max__sessions() default 10000;

    @AttributeDefinition(description = "The sip connector our requests leave from (next start of the bundle)")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String sip_endpoint() default SipRequestSender.LISTENER;
}
