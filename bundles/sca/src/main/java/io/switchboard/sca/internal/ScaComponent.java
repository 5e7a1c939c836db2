package io.switchboard.sca.internal;

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
 * Camel component {@code sca}: {@code sca:subscribe} answers a SUBSCRIBE for {@code call-info} or {@code line-seize};
 * {@code sca:call-info-update} updates the appearances from a request of the call path and prepares its relay
 * (Call-Info stripped; a retrieve gets its target and Replaces, or a 403 in {@code SipStatus}). It follows the SCA
 * service dynamically (a restart of it never reloads the route files); meanwhile SUBSCRIBEs get 503 and the
 * call path goes on untouched.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=sca")
public class ScaComponent extends DefaultComponent {

    private volatile ScaServiceComponent service;

    /** The SCA packages go public only once SUBSCRIBEs reach them through this component (see publishPackages). */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindService(ScaServiceComponent s) {
        service = s;
        s.publishPackages();
    }

    void unbindService(ScaServiceComponent s) {
        s.withdrawPackages();
        if (service == s) {
            service = null;
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return switch (remaining) {
            case "subscribe" ->
                SipActionEndpoint.following(
                        uri,
                        this,
                        remaining,
                        () -> service,
                        (s, ex) -> s.engine().subscribe(ex),
                        "SCA");
            case "call-info-update" ->
                SipActionEndpoint.following(
                        uri,
                        this,
                        remaining,
                        () -> service,
                        (s, ex) -> s.engine().request(ex),
                        null);
            default ->
                throw new IllegalArgumentException(
                        "sca:" + remaining + " does not exist: use sca:subscribe or sca:call-info-update");
        };
    }
}
