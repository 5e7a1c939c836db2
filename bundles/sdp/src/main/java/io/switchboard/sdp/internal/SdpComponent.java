package io.switchboard.sdp.internal;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;

/**
 * Camel component {@code sdp}: {@code sdp:parse} and {@code sdp:edit} on the SDP body of a SIP message in a route.
 * Stateless, with no settings: it needs nothing but the exchange.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=sdp")
public class SdpComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SdpConfiguration configuration = new SdpConfiguration();
        configuration.setAction(remaining);
        setProperties(configuration, parameters);
        SdpEndpoint endpoint = new SdpEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
