package io.switchboard.cx.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.cx}, declared once (a method {@code a__b} is the key {@code a_b},
 * {@code a_b} the key {@code a.b}); {@code config:meta io.switchboard.cx} shows them.
 */
@ObjectClassDefinition(name = "Switchboard Cx (HSS)", description = "HSS functions of 3GPP Cx (TS 29.228)")
@interface CxSettings {

    String PID = "io.switchboard.cx";

    @AttributeDefinition(
            description = "Visited-Network-Identifier values of the home network, comma separated; a UAR from any "
                    + "other network needs roaming_allowed on the private identity (else 5004)")
    String home_networks() default "";

    @AttributeDefinition(
            description = "Server-Name of a first registration when no S-CSCF of the pool fits (empty: answer "
                    + "Server-Capabilities)")
    String default_scscf() default "";

    @AttributeDefinition(description = "The most authentication vectors one MAA carries", min = "1", max = "32")
    @Check(min = 1, max = 32)
    int max__auth__items() default 5;

    @AttributeDefinition(
            description = "A SAR REGISTRATION from another S-CSCF than the one on record replaces it (true) or is "
                    + "answered 5005 IDENTITY_ALREADY_REGISTERED (false)")
    boolean overwrite_scscf() default false;
}
