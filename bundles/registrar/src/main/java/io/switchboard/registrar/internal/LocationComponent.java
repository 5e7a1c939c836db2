package io.switchboard.registrar.internal;

import io.switchboard.sip.SipActionEndpoint;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Camel component {@code location}: {@code location:lookup}. */
@Component(service = org.apache.camel.Component.class, property = "camel.name=location")
public class LocationComponent extends DefaultComponent {

    @Reference
    RegistrarService service;

    public LocationComponent() {}

    LocationComponent(RegistrarService service) {
        this.service = service;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!"lookup".equals(remaining)) {
            throw new IllegalArgumentException("location:" + remaining + " does not exist: use location:lookup");
        }
        return SipActionEndpoint.of(
                uri, this, remaining, ex -> service.registrar().lookup(ex));
    }
}
