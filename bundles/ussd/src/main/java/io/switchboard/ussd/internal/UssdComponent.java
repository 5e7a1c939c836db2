package io.switchboard.ussd.internal;

import io.switchboard.sip.SipActionEndpoint;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code ussd}: {@code ussd:session} handles the USSD requests of the sip consumer route
 * (new USSD INVITEs, ACK/INFO/BYE/CANCEL of a session); {@code ussd:request} and {@code ussd:notify} start a
 * network-initiated session. routes/sip.xml branches on the {@code SipOwner} header {@link UssdRequestOwner} sets
 * rather than on {@link #serves(Exchange)}, which copies the exchange when called from a predicate. The component
 * follows the gateway service dynamically, so a settings change never unregisters it (which would reload every
 * route file); meanwhile USSD requests get 503.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=ussd")
public class UssdComponent extends DefaultComponent {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UssdServiceComponent service;

    /**
     * True when the request belongs to the USSD gateway: a new INVITE that is a USSD request, or ACK, INFO, BYE,
     * CANCEL of a live USSD session (a Call-ID lookup). Routes test {@code ${header.SipOwner} == 'ussd'} instead:
     * {@code ${camelContext.hasComponent('ussd').serves(${exchange})}} still works, but Camel copies the whole
     * exchange for it.
     */
    public boolean serves(Exchange exchange) {
        UssdServiceComponent s = service;
        return s != null && s.serves(exchange);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint e = switch (remaining) {
            case "session" ->
                SipActionEndpoint.following(uri, this, remaining, () -> service, UssdServiceComponent::handle, "USSD");
            case "request", "notify" -> new UssdStartEndpoint(uri, this, remaining, () -> service);
            default ->
                throw new IllegalArgumentException(
                        "ussd:" + remaining + " does not exist: use ussd:session, ussd:request or ussd:notify");
        };
        setProperties(e, parameters);
        return e;
    }
}
