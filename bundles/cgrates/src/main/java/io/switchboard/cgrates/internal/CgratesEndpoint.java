package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.CgratesConstants;
import java.util.function.Supplier;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** {@code cgrates:method}: a producer only (CGRateS's own requests arrive on the bijson link, not in routes). */
@UriEndpoint(
        scheme = "cgrates",
        title = "CGRateS",
        syntax = "cgrates:method",
        producerOnly = true,
        category = {Category.API},
        headersClass = CgratesConstants.class)
public class CgratesEndpoint extends DefaultEndpoint {

    @UriParam
    private final CgratesConfiguration configuration;

    private final Supplier<CgratesServiceComponent.Billing> billing;

    CgratesEndpoint(
            String uri,
            CgratesComponent component,
            CgratesConfiguration configuration,
            Supplier<CgratesServiceComponent.Billing> billing) {
        super(uri, component);
        this.configuration = configuration;
        this.billing = billing;
    }

    public CgratesConfiguration getConfiguration() {
        return configuration;
    }

    public boolean isThrowOnError() {
        return configuration.isThrowOnError();
    }

    public void setThrowOnError(boolean throwOnError) {
        configuration.setThrowOnError(throwOnError);
    }

    @Override
    public Producer createProducer() {
        return CgratesConfiguration.CALL.equals(configuration.getMethod())
                ? new CallProducer(this, billing)
                : new CommandProducer(this, configuration, billing);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("cgrates: has no consumer");
    }
}
