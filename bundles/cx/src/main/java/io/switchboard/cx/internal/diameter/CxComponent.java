package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.Hss;
import io.switchboard.cx.HssRequests;
import io.switchboard.cx.internal.CxServiceComponent;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterStack;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code cx}: the Diameter adapter of the HSS as endpoints that routes call, so that an integrator
 * replaces one step of {@code routes/cx.xml} and keeps the others. {@code cx:uar}, {@code cx:mar}, {@code cx:sar},
 * {@code cx:lir} answer the Cx request in the body; {@code cx:deregister} and {@code cx:push-profile} send RTR and
 * PPR. Every service is followed dynamically, so a settings change of Cx or Diameter never unregisters the component
 * (which would reload every route file); meanwhile its endpoints fail the exchange (the diameter consumer answers
 * 5012).
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=cx")
public class CxComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CxServiceComponent service;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DiameterStack stack;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HssRequests requests;

    private final CxAdapter adapter = new CxAdapter(DiameterDictionary.standard());

    public CxComponent() {}

    /** A component over fixed services (unit tests, or a context without OSGi); {@code stack} may be null. */
    public CxComponent(Hss hss, DiameterStack stack, HssRequests requests) {
        this.fixedHss = hss;
        this.stack = stack;
        this.requests = requests;
    }

    private Hss fixedHss;

    Hss hss() {
        if (fixedHss != null) {
            return fixedHss;
        }
        CxServiceComponent s = service;
        if (s == null || s.hss() == null) {
            throw new IllegalStateException("cx: the HSS is not active (no DataSource or restarting)");
        }
        return s.hss();
    }

    DiameterStack stack() {
        return stack;
    }

    HssRequests requests() {
        HssRequests r = requests;
        if (r == null) {
            throw new IllegalStateException("cx: no Diameter node to send RTR/PPR with");
        }
        return r;
    }

    CxAdapter adapter() {
        return adapter;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String name = remaining.toLowerCase(Locale.ROOT);
        CxEndpoint e = switch (name) {
            case "uar", "mar", "sar", "lir" ->
                new CxEndpoint(uri, this, CxOperation.valueOf(name.toUpperCase(Locale.ROOT)), null);
            case "deregister", "push-profile" -> new CxEndpoint(uri, this, null, name);
            default ->
                throw new IllegalArgumentException("cx:" + remaining
                        + " does not exist: use cx:uar, cx:mar, cx:sar, cx:lir, cx:deregister or cx:push-profile");
        };
        setProperties(e, parameters);
        return e;
    }
}
