package io.switchboard.diameter.internal;

import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.DiameterConstants;
import io.switchboard.diameter.DiameterStack;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code diameter:cx}: as a consumer, one exchange per valid incoming request of the application
 * ({@link DiameterConsumer}); as a producer, sends the body as a request and sets the answer as the body
 * ({@link DiameterProducer}).
 */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "diameter",
        title = "Diameter (Switchboard)",
        syntax = "diameter:application",
        category = {Category.NETWORKING},
        headersClass = DiameterConstants.class)
public class DiameterEndpoint extends DefaultEndpoint {

    @UriParam
    private final DiameterConfiguration configuration;

    private final ApplicationDefinition application;

    DiameterEndpoint(
            String uri,
            DiameterComponent component,
            DiameterConfiguration configuration,
            ApplicationDefinition application) {
        super(uri, component);
        this.configuration = configuration;
        this.application = application;
    }

    @Override
    public DiameterComponent getComponent() {
        return (DiameterComponent) super.getComponent();
    }

    public DiameterConfiguration getConfiguration() {
        return configuration;
    }

    ApplicationDefinition application() {
        return application;
    }

    /** The node now, or null while it is (re)starting. */
    DiameterStack stack() {
        return getComponent().stack();
    }

    @Override
    public Producer createProducer() {
        return new DiameterProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DiameterConsumer c = new DiameterConsumer(this, processor);
        configureConsumer(c);
        return c;
    }
}
