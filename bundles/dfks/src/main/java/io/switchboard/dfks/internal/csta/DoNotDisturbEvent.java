package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Server to phone: the DND state. */
@XmlRootElement(name = "DoNotDisturbEvent")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"device", "doNotDisturbOn"})
public class DoNotDisturbEvent {
    public String device;
    public boolean doNotDisturbOn;
}
