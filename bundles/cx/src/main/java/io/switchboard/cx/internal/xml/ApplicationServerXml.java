package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code <ApplicationServer>}: where a matching request goes, and what to do when that AS does not answer. */
@XmlType(propOrder = {"serverName", "defaultHandling", "serviceInfo"})
public class ApplicationServerXml {

    @XmlElement(name = "ServerName", required = true)
    public String serverName;

    /** 0 SESSION_CONTINUED, 1 SESSION_TERMINATED. */
    @XmlElement(name = "DefaultHandling")
    public Integer defaultHandling;

    @XmlElement(name = "ServiceInfo")
    public String serviceInfo;
}
