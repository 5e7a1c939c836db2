package io.switchboard.sip;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * The producer-only endpoint of a component that serves the sip consumer's routes with one operation per URI
 * ({@code registrar:save}, {@code location:lookup}, {@code sca:subscribe}, {@code dfks:subscribe},
 * {@code ussd:session} ...): the operation runs on the exchange in the caller's thread and answers, if it does, with
 * {@link SipAnswers}. Such components follow their OSGi service dynamically, so that a restart of the service never
 * unregisters the component (which would reload every route file): while the service is away the endpoint answers
 * {@link SipAnswers#restarting} or, for an operation that only prepares a relay, lets the exchange pass untouched.
 * <p>
 * One class for every such component, hence no {@code @UriEndpoint}: that annotation names one scheme. Each
 * component's javadoc and README list its operations.
 */
public final class SipActionEndpoint extends DefaultEndpoint {

    @UriPath(description = "The operation of the component, e.g. save in registrar:save")
    @Metadata(required = true)
    private final String operation;

    private final Supplier<Processor> action;
    private final String restarting;

    private SipActionEndpoint(
            String uri, Component component, String operation, Supplier<Processor> action, String restarting) {
        super(uri, component);
        this.operation = operation;
        this.action = action;
        this.restarting = restarting;
    }

    /** An operation whose service is always there (a static, mandatory reference of the component). */
    public static SipActionEndpoint of(String uri, Component component, String operation, Processor action) {
        return new SipActionEndpoint(uri, component, operation, () -> action, null);
    }

    /**
     * An operation of a service the component follows dynamically.
     *
     * @param service the current service, null while it is away
     * @param restarting the name in the {@code 503 <name> Restarting} answered while it is away; null to let the
     *                   exchange pass untouched instead (an operation that only prepares what the route relays)
     */
    public static <S> SipActionEndpoint following(
            String uri,
            Component component,
            String operation,
            Supplier<S> service,
            BiConsumer<S, Exchange> action,
            String restarting) {
        return new SipActionEndpoint(
                uri,
                component,
                operation,
                () -> {
                    S s = service.get();
                    return s == null ? null : ex -> action.accept(s, ex);
                },
                restarting);
    }

    public String getOperation() {
        return operation;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Processor a = action.get();
                if (a != null) {
                    a.process(exchange);
                } else if (restarting != null) {
                    SipAnswers.restarting(exchange.getIn(), restarting);
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " can only be used in to(...)");
    }
}
