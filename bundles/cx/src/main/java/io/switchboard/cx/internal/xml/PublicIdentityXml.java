package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code <PublicIdentity>}: barring, the identity, and its type in the extension. */
@XmlType(propOrder = {"barringIndication", "identity", "extension"})
public class PublicIdentityXml {

    @XmlElement(name = "BarringIndication")
    public Integer barringIndication;

    @XmlElement(name = "Identity", required = true)
    public String identity;

    @XmlElement(name = "Extension")
    public IdentityExtension extension;

    /** {@code <Extension><IdentityType>}: 0 public user identity, 1 distinct PSI, 2 wildcarded PSI. */
    public static class IdentityExtension {
        @XmlElement(name = "IdentityType")
        public Integer identityType;
    }
}
