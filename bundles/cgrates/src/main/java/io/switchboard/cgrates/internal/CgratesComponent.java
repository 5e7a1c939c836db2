package io.switchboard.cgrates.internal;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code cgrates}: {@code cgrates:call} bills the call of an INVITE, {@code cgrates:<Method>} calls
 * any CGRateS method. It follows the billing service dynamically, so a settings change never unregisters the
 * component (which would reload every route file that uses it); meanwhile calls get 503 (fail-closed) or pass
 * unbilled (fail-open).
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=cgrates")
public class CgratesComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CgratesServiceComponent service;

    /**
     * True when billing is on. While the billing service restarts (a settings change) the settings decide, so that a
     * fail-closed platform does not let calls through unbilled. Routes test the variable {@link BillingVariable}
     * keeps instead ({@code ${variable.global:cgrates-enabled} != null}): calling this from a predicate
     * ({@code ${camelContext.hasComponent('cgrates').isEnabled()}}) still works but copies the exchange.
     */
    public boolean isEnabled() {
        CgratesServiceComponent s = service;
        return s != null ? s.billing() != null : CgratesServiceComponent.enabled();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CgratesConfiguration config = new CgratesConfiguration();
        config.setMethod(remaining);
        CgratesEndpoint e = new CgratesEndpoint(uri, this, config, () -> {
            CgratesServiceComponent s = service;
            return s == null ? null : s.billing();
        });
        setProperties(e, parameters);
        return e;
    }
}
