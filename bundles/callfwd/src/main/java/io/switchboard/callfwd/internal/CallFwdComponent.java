package io.switchboard.callfwd.internal;

import io.switchboard.sip.SipActionEndpoint;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code callfwd}: {@code callfwd:apply} (DND, CFA, the CFNA ring time; before the location
 * lookup), {@code callfwd:unavailable} (CFNA for a user without device), {@code callfwd:failure} (CFB, CFNA in the
 * failure route) and {@code callfwd:check-target} (the DFKS set route's allow-list check). It follows the service
 * dynamically: while the service restarts (a settings change) calls pass untouched, as without the feature, and no
 * route file is reloaded.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=callfwd")
public class CallFwdComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CallFwdService service;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        BiConsumer<CallFwdService, Exchange> action = switch (remaining) {
            case "apply" -> CallFwdService::apply;
            case "unavailable" -> CallFwdService::unavailable;
            case "failure" -> CallFwdService::failure;
            case "check-target" -> CallFwdService::checkTarget;
            default ->
                throw new IllegalArgumentException("callfwd:" + remaining
                        + " does not exist: use callfwd:apply, callfwd:unavailable, callfwd:failure or"
                        + " callfwd:check-target");
        };
        return SipActionEndpoint.following(uri, this, remaining, () -> service, action, null);
    }
}
