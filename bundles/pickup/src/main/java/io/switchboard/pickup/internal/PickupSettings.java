package io.switchboard.pickup.internal;

import io.switchboard.settings.Check;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.pickup}, declared once (a method {@code a__b} is the key {@code a_b});
 * {@code config:meta io.switchboard.pickup} shows them. Changes apply to the next pickup.
 */
@ObjectClassDefinition(name = "Switchboard call pickup", description = "Directed and group call pickup")
@interface PickupSettings {

    String PID = "io.switchboard.pickup";

    @AttributeDefinition(
            description = "The code dialled for pickup: PREFIX alone is group pickup, PREFIX<ext> directed pickup")
    @Check(pattern = "[*#0-9A-Za-z]{1,8}", expected = "1 to 8 of * # digits letters")
    String prefix() default "*8";

    @AttributeDefinition(
            description = "Call-Info put on the picker's new branch, the auto-answer hint phones honour ({host}: the"
                    + " host the picker's INVITE was sent to); empty: none")
    String call__info() default "<sip:{host}>;answer-after=0";
}
