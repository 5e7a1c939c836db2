package io.switchboard.registrar.internal;

import io.switchboard.sip.SipActionEndpoint;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Camel component {@code registrar}: {@code registrar:save} (REGISTER) and {@code registrar:authenticate} (407 check).
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=registrar")
public class RegistrarComponent extends DefaultComponent {

    @Reference
    RegistrarService service;

    public RegistrarComponent() {}

    RegistrarComponent(RegistrarService service) {
        this.service = service;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return switch (remaining) {
            case "save" ->
                SipActionEndpoint.of(uri, this, remaining, ex -> {
                    service.registrar().save(ex);
                    RegistrarMeters.record("save", ex);
                });
            case "authenticate" ->
                SipActionEndpoint.of(uri, this, remaining, ex -> {
                    service.registrar().authenticate(ex);
                    RegistrarMeters.record("authenticate", ex);
                });
            default ->
                throw new IllegalArgumentException(
                        "registrar:" + remaining + " does not exist: use registrar:save or registrar:authenticate");
        };
    }
}
