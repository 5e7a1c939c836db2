package io.switchboard.pickup.internal;

import io.switchboard.sip.SipActionEndpoint;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code pickup}: {@code pickup:pick} ({@link PickupService#pick}). It follows the service
 * dynamically: while the service restarts (a settings change, the dialog bundle restarting) the exchange passes
 * untouched (every new INVITE goes through {@code pickup:pick}, most are no pickup; a pickup code then finds no user
 * and gets the location service's 404) and no route file is reloaded.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=pickup")
public class PickupComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PickupService service;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!"pick".equals(remaining)) {
            throw new IllegalArgumentException("pickup:" + remaining + " does not exist: use pickup:pick");
        }
        return SipActionEndpoint.following(uri, this, remaining, () -> service, PickupService::pick, null);
    }
}
