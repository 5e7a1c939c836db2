/**
 * JAXB model of the as-feature-event documents (BroadSoft DFKS, ECMA-323 CSTA ed. 3): requests a phone sends
 * ({@code SetDoNotDisturb}, {@code SetForwarding}) and the events the platform sends ({@code DoNotDisturbEvent},
 * {@code ForwardingEvent}). Written with the CSTA namespace as the default namespace (Polycom phones reboot
 * without it).
 */
@XmlSchema(
        namespace = Csta.NAMESPACE,
        elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "", namespaceURI = Csta.NAMESPACE))
package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
