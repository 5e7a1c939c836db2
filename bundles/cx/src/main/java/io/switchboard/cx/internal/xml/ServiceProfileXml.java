package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <ServiceProfile>}: public identities, core network services and iFCs. Also the root of a stored profile
 * (then without PublicIdentity elements).
 */
@XmlRootElement(name = "ServiceProfile")
@XmlType(propOrder = {"publicIdentities", "coreNetworkServices", "ifcs"})
public class ServiceProfileXml {

    @XmlElement(name = "PublicIdentity")
    public List<PublicIdentityXml> publicIdentities = new ArrayList<>();

    @XmlElement(name = "CoreNetworkServicesAuthorization")
    public CoreNetworkServices coreNetworkServices;

    @XmlElement(name = "InitialFilterCriteria")
    public List<InitialFilterCriteria> ifcs = new ArrayList<>();
}
