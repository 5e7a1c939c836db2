package io.switchboard.esl.internal;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An {@code esl:} endpoint: {@code api} and {@code bgapi} produce, {@code events} and {@code outbound} consume,
 * {@code execute} and {@code hangup} produce steps of an outbound call.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "esl",
        title = "FreeSWITCH Event Socket",
        syntax = "esl:kind",
        category = {Category.NETWORKING})
public class EslEndpoint extends DefaultEndpoint {

    @UriParam
    private final EslConfiguration configuration;

    EslEndpoint(String uri, EslComponent component, EslConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public EslComponent getComponent() {
        return (EslComponent) super.getComponent();
    }

    EslConfiguration configuration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return switch (configuration.getKind()) {
            case "api", "bgapi" -> new EslApiProducer(this);
            case "execute", "hangup" -> new EslCallProducer(this);
            default ->
                throw new IllegalArgumentException(
                        "esl:" + configuration.getKind() + " is a consumer (from), not a producer (to)");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer c = switch (configuration.getKind()) {
            case "events" -> new EslEventsConsumer(this, processor);
            case "outbound" -> new EslOutboundConsumer(this, processor);
            default ->
                throw new IllegalArgumentException(
                        "esl:" + configuration.getKind() + " is a producer (to), not a consumer (from)");
        };
        configureConsumer(c);
        return c;
    }
}
