package io.switchboard.dialog.internal;

import io.switchboard.settings.Check;
import io.switchboard.sip.SipRequestSender;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of PID {@code io.switchboard.dialog}, declared once (a method {@code a_b} is the key {@code a.b});
 * {@code config:meta io.switchboard.dialog} shows them.
 */
@ObjectClassDefinition(name = "Switchboard dialogs", description = "Dialog tracking of relayed calls")
@interface DialogSettings {

    String PID = "io.switchboard.dialog";

    @AttributeDefinition(description = "The endpoint dialog events go to")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String events_endpoint() default DialogComponent.DEFAULT_EVENTS;

    @AttributeDefinition(description = "The sip endpoint that sends the BYEs of dialog:end")
    @Check(pattern = Check.ENDPOINT_URI, expected = Check.AN_ENDPOINT_URI)
    String bye_endpoint() default SipRequestSender.LISTENER;
}
