package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Phone to server: change one forwarding (note the request names activateForward / forwardDN). */
@XmlRootElement(name = "SetForwarding")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"device", "activateForward", "forwardingType", "forwardDN", "ringCount"})
public class SetForwarding {
    public String device;
    public boolean activateForward;
    public ForwardingType forwardingType;
    public String forwardDN;
    /** Empty or absent when not given. */
    public String ringCount;
}
