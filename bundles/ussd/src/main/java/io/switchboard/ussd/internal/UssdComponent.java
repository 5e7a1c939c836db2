package io.switchboard.ussd.internal;

import io.switchboard.sip.SipActionEndpoint;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdHeaders;

import java.util.Map;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code ussd}: {@code ussd:session} handles the USSD requests of the sip consumer route
 * (new USSD INVITEs, ACK/INFO/BYE/CANCEL of a session); {@code ussd:request} and {@code ussd:notify} start a
 * network-initiated session. {@link #serves(Exchange)} is the predicate of {@code routes/sip.xml}. The component
 * follows the gateway service dynamically, so a settings change never unregisters it (which would reload every
 * route file); meanwhile USSD requests get 503.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=ussd")
public class UssdComponent extends DefaultComponent {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile UssdServiceComponent service;

    /**
     * True when the request belongs to the USSD gateway: a new INVITE that is a USSD request, or ACK, INFO, BYE,
     * CANCEL of a live USSD session (a Call-ID lookup). For routes:
     * {@code ${camelContext.getComponent('ussd').serves(${exchange})}}.
     */
    public boolean serves(Exchange exchange) {
        UssdServiceComponent s = service;
        return s != null && s.serves(exchange);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint e = switch (remaining) {
            case "session" -> SipActionEndpoint.following(uri, this, remaining, () -> service,
                    UssdServiceComponent::handle, "USSD");
            case "request" -> new StartEndpoint(uri, this, UssdSession.Origin.NETWORK_REQUEST);
            case "notify" -> new StartEndpoint(uri, this, UssdSession.Origin.NETWORK_NOTIFY);
            default -> throw new IllegalArgumentException("ussd:" + remaining + " does not exist: use ussd:session, ussd:request or ussd:notify");
        };
        setProperties(e, parameters);
        return e;
    }

    /**
     * {@code ussd:request} / {@code ussd:notify}: INVITEs the subscriber with the message body as the USSD text.
     * Completes when the UE answered the INVITE: header {@code UssdSessionId}, or the exception {@link UssdException}.
     */
    public final class StartEndpoint extends DefaultEndpoint {

        private final UssdSession.Origin origin;

        /** The subscriber, {@code user@domain} or a {@code sip:} URI; header {@code UssdSubscriber} wins. */
        @UriParam
        private String subscriber;

        /** The language of the text; header {@code UssdLanguage} wins; default: the configured one. */
        @UriParam
        private String language;

        /** The route that gets the UE's answers (request); default: the configured menu route. */
        @UriParam
        private String route;

        StartEndpoint(String uri, UssdComponent component, UssdSession.Origin origin) {
            super(uri, component);
            this.origin = origin;
        }

        public void setSubscriber(String subscriber) {
            this.subscriber = subscriber;
        }

        public String getSubscriber() {
            return subscriber;
        }

        public void setLanguage(String language) {
            this.language = language;
        }

        public String getLanguage() {
            return language;
        }

        public void setRoute(String route) {
            this.route = route;
        }

        public String getRoute() {
            return route;
        }

        @Override
        public Producer createProducer() {
            return new DefaultAsyncProducer(this) {
                @Override
                public boolean process(Exchange exchange, AsyncCallback callback) {
                    UssdServiceComponent s = service;
                    Message m = exchange.getIn();
                    if (s == null) {
                        exchange.setException(new UssdException(503, "the USSD gateway is not running"));
                        callback.done(true);
                        return true;
                    }
                    String sub = m.getHeader(UssdHeaders.SUBSCRIBER, subscriber, String.class);
                    String lang = m.getHeader(UssdHeaders.LANGUAGE, language, String.class);
                    s.start(sub, m.getBody(String.class), origin, lang, route).whenComplete((info, err) -> {
                        if (err != null) {
                            exchange.setException(err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
                        } else {
                            m.setHeader(UssdHeaders.SESSION_ID, info.id());
                            m.setHeader(UssdHeaders.SUBSCRIBER, info.subscriber());
                        }
                        callback.done(false);
                    });
                    return false;
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            String name = origin == UssdSession.Origin.NETWORK_NOTIFY ? "notify" : "request";
            throw new UnsupportedOperationException("ussd:" + name + " can only be used in to(...)");
        }
    }
}
