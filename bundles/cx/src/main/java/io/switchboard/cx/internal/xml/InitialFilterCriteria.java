package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code <InitialFilterCriteria>}: priority (lower first), trigger point (absent: always), AS, profile part. */
@XmlType(propOrder = {"priority", "triggerPoint", "applicationServer", "profilePartIndicator"})
public class InitialFilterCriteria {

    @XmlElement(name = "Priority", required = true)
    public int priority;

    @XmlElement(name = "TriggerPoint")
    public TriggerPoint triggerPoint;

    @XmlElement(name = "ApplicationServer", required = true)
    public ApplicationServerXml applicationServer;

    /** 0 REGISTERED, 1 UNREGISTERED; absent: both. */
    @XmlElement(name = "ProfilePartIndicator")
    public Integer profilePartIndicator;
}
