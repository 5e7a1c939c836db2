package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** {@code <IMSSubscription>}: the private identity and one service profile per group of public identities. */
@XmlRootElement(name = "IMSSubscription")
@XmlType(propOrder = {"privateId", "serviceProfiles"})
public class ImsSubscription {

    @XmlElement(name = "PrivateID", required = true)
    public String privateId;

    @XmlElement(name = "ServiceProfile", required = true)
    public List<ServiceProfileXml> serviceProfiles = new ArrayList<>();
}
