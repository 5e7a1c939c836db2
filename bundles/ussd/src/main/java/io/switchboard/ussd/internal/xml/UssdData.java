package io.switchboard.ussd.internal.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * {@code <ussd-data>} of 3GPP TS 24.390 (no namespace), children in the order every implementation writes them:
 * language, ussd-string, error-code, anyExt. {@link #notify} is the Samsung acknowledgement of a notification
 * ({@code UnstructuredSS-Notify} directly under ussd-data), read but never written.
 */
@XmlRootElement(name = "ussd-data")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(
        name = "",
        propOrder = {"language", "ussdString", "errorCode", "anyExt", "notify"})
public class UssdData {

    @XmlElement(name = "language")
    public String language;

    @XmlElement(name = "ussd-string")
    public String ussdString;

    @XmlElement(name = "error-code")
    public Integer errorCode;

    @XmlElement(name = "anyExt")
    public AnyExt anyExt;

    @XmlElement(name = "UnstructuredSS-Notify")
    public Marker notify;
}
