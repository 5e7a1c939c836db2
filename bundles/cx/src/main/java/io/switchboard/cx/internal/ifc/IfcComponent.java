package io.switchboard.cx.internal.ifc;

import io.switchboard.cx.internal.CxServiceComponent;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code ifc}: {@code ifc:match} evaluates the served user's initial filter criteria against the
 * SIP request of the exchange (headers in {@link io.switchboard.cx.IfcHeaders}). It follows the Cx service
 * dynamically, so a settings change never unregisters the component (which would reload every route file);
 * meanwhile the endpoint fails the exchange with "Cx is not active".
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=ifc")
public class IfcComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CxServiceComponent service;

    private final Supplier<IfcMatcher> matcher;

    public IfcComponent() {
        this.matcher = () -> {
            CxServiceComponent s = service;
            return s == null ? null : s.ifc();
        };
    }

    /** A component over a fixed matcher (unit tests, or a context without OSGi). */
    public IfcComponent(IfcMatcher matcher) {
        this.matcher = () -> matcher;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!"match".equals(remaining)) {
            throw new IllegalArgumentException("ifc:" + remaining + " does not exist: use ifc:match");
        }
        IfcEndpoint e = new IfcEndpoint(uri, this, matcher);
        setProperties(e, parameters);
        return e;
    }
}
