package io.switchboard.ussd.internal.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * {@code <anyExt>}: marks a network-initiated request ({@code UnstructuredSS-Request}) or notification ({@code
 * -Notify}).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(
        name = "anyExt",
        propOrder = {"request", "notify"})
public class AnyExt {

    @XmlElement(name = "UnstructuredSS-Request")
    public Marker request;

    @XmlElement(name = "UnstructuredSS-Notify")
    public Marker notify;
}
