package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Server to phone: one forwarding's state (event names forwardStatus / forwardTo), child order as OpenSIPS emits. */
@XmlRootElement(name = "ForwardingEvent")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"device", "forwardingType", "forwardStatus", "forwardTo", "ringCount"})
public class ForwardingEvent {
    public String device;
    public ForwardingType forwardingType;
    public boolean forwardStatus;
    /** Omitted when null. */
    public String forwardTo;
    /** CallForwardingNoAnswer only; omitted when null. */
    public Integer ringCount;
}
