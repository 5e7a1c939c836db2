package io.switchboard.dfks.internal;

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
 * Camel component {@code dfks}: {@code dfks:subscribe} handles a SUBSCRIBE with {@code Event: as-feature-event}.
 * It follows the DFKS service dynamically, so a restart of the subscription layer (or of the DFKS service) never
 * unregisters the component (which would reload every route file); meanwhile SUBSCRIBEs get 503.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=dfks")
public class DfksComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DfksServiceComponent service;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!"subscribe".equals(remaining)) {
            throw new IllegalArgumentException("dfks:" + remaining + " does not exist: use dfks:subscribe");
        }
        return SipActionEndpoint.following(
                uri, this, remaining, () -> service, DfksServiceComponent::subscribe, "DFKS");
    }
}
