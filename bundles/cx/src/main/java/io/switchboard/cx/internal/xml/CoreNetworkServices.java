package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;

/** {@code <CoreNetworkServicesAuthorization>}: the subscribed media profile. */
public class CoreNetworkServices {

    @XmlElement(name = "SubscribedMediaProfileId")
    public Integer subscribedMediaProfileId;
}
