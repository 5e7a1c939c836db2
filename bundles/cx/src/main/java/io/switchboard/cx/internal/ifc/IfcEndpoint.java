package io.switchboard.cx.internal.ifc;

import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** {@code ifc:match}: a producer only (it answers a question about the exchange's request). */
final class IfcEndpoint extends DefaultEndpoint {

    private final Supplier<IfcMatcher> matcher;

    IfcEndpoint(String uri, IfcComponent component, Supplier<IfcMatcher> matcher) {
        super(uri, component);
        this.matcher = matcher;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                IfcMatcher m = matcher.get();
                if (m == null) {
                    throw new IllegalStateException("ifc:match: Cx is not active (no DataSource or restarting)");
                }
                m.process(exchange);
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("ifc:match is a producer: use it in <to>, not <from>");
    }
}
