package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Phone to server: turn DND on or off. */
@XmlRootElement(name = "SetDoNotDisturb")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"device", "doNotDisturbOn"})
public class SetDoNotDisturb {
    public String device;
    public boolean doNotDisturbOn;
}
