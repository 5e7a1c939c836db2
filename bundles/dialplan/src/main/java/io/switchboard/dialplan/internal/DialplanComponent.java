package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanService;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code dialplan}: {@code dialplan:translate}. It follows the dial plan service dynamically, so a
 * restart of the service (the DataSource re-opened) never unregisters the component (which would reload every route
 * file); meanwhile nothing matches and calls go on untranslated.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=dialplan")
public class DialplanComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DialplanService service;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DialplanConfiguration configuration = new DialplanConfiguration();
        configuration.setAction(remaining);
        setProperties(configuration, parameters);
        if (configuration.getId() == null) {
            throw new IllegalArgumentException("dialplan:translate needs id=<dpid>");
        }
        DialplanEndpoint endpoint = new DialplanEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
