package io.switchboard.ussd.internal;

import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdHeaders;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code ussd:request} / {@code ussd:notify}: INVITEs the subscriber with the message body as the USSD text.
 * Completes when the UE answered the INVITE: header {@code UssdSessionId}, or the exception {@link UssdException}
 * (503 while the gateway restarts). No thread waits for the UE: the producer is asynchronous. ({@code ussd:session},
 * the answer to the UE's own requests, is the shared {@code SipActionEndpoint}.)
 */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "ussd",
        title = "USSD (Switchboard)",
        syntax = "ussd:operation",
        producerOnly = true,
        category = {Category.MOBILE},
        headersClass = UssdHeaders.class)
public final class UssdStartEndpoint extends DefaultEndpoint {

    @UriPath(
            enums = "request,notify",
            description = "request: the user answers (the menu route gets the answers); "
                    + "notify: a notification the user only acknowledges")
    @Metadata(required = true)
    private final String operation;

    @UriParam(
            label = "producer",
            description = "The subscriber, user@domain or a sip: URI; header UssdSubscriber " + "wins")
    private String subscriber;

    @UriParam(
            label = "producer",
            description = "The language of the text; header UssdLanguage wins; default the " + "configured one")
    private String language;

    @UriParam(
            label = "producer",
            description = "The route that gets the UE's answers (request only); default the " + "configured menu route")
    private String route;

    private final UssdSession.Origin origin;
    private final Supplier<UssdServiceComponent> service;

    UssdStartEndpoint(String uri, Component component, String operation, Supplier<UssdServiceComponent> service) {
        super(uri, component);
        this.operation = operation;
        this.origin =
                "notify".equals(operation) ? UssdSession.Origin.NETWORK_NOTIFY : UssdSession.Origin.NETWORK_REQUEST;
        this.service = service;
    }

    public String getOperation() {
        return operation;
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
                UssdServiceComponent s = service.get();
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
                        exchange.setException(
                                err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
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
        throw new UnsupportedOperationException("ussd:" + operation + " can only be used in to(...)");
    }
}
