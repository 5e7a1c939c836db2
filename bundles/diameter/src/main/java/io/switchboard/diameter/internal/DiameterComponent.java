package io.switchboard.diameter.internal;

import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterStack;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Camel component {@code diameter}: {@code diameter:<application>} endpoints over the platform's Diameter node.
 * It reaches the node through {@link DiameterService}, which outlives restarts of the node for new settings, so a
 * settings change never unregisters the component (which would reload every route file).
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=diameter")
public class DiameterComponent extends DefaultComponent {

    private final Supplier<DiameterStack> stack;
    private final HandlerRegistry registry;

    /** For tests and embedding: a fixed node and its handler registry. */
    DiameterComponent(Supplier<DiameterStack> stack, HandlerRegistry registry) {
        this.stack = stack;
        this.registry = registry;
    }

    @Activate
    public DiameterComponent(@Reference DiameterService service) {
        this(service::stack, service.registry());
    }

    DiameterStack stack() {
        return stack.get();
    }

    HandlerRegistry registry() {
        return registry;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ApplicationDefinition app = DiameterDictionary.standard()
                .application(remaining)
                .filter(a -> a.id() != 0)
                .orElseThrow(() -> new IllegalArgumentException(
                        "diameter:" + remaining + " names no application of the dictionary (use e.g. diameter:cx)"));
        DiameterConfiguration c = new DiameterConfiguration();
        c.setApplication(remaining);
        DiameterEndpoint e = new DiameterEndpoint(uri, this, c, app);
        setProperties(c, parameters);
        return e;
    }
}
