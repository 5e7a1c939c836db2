package io.switchboard.dfks.internal;

import io.switchboard.sip.SipHeaders;

import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Camel component {@code dfks}: {@code dfks:subscribe} handles a SUBSCRIBE with {@code Event: as-feature-event}.
 * It follows the DFKS service dynamically, so a restart of the subscription layer (or of the DFKS service) never
 * unregisters the component (which would reload every route file); meanwhile SUBSCRIBEs get 503.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=dfks")
public class DfksComponent extends DefaultComponent {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile DfksServiceComponent service;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!"subscribe".equals(remaining)) {
            throw new IllegalArgumentException("dfks:" + remaining + " does not exist: use dfks:subscribe");
        }
        return new SubscribeEndpoint(uri, this);
    }

    /** Producer-only: answers the SUBSCRIBE of the current sip consumer exchange (and NOTIFYs after the 200). */
    final class SubscribeEndpoint extends DefaultEndpoint {

        SubscribeEndpoint(String uri, DfksComponent component) {
            super(uri, component);
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) {
                    DfksServiceComponent s = service;
                    if (s == null) {
                        exchange.getIn().setHeader(SipHeaders.STATUS, 503);
                        exchange.getIn().setHeader(SipHeaders.REASON, "DFKS Restarting");
                        exchange.getIn().setHeader(SipHeaders.HEADER_PREFIX + "Retry-After", "5");
                        return;
                    }
                    s.subscribe(exchange);
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("dfks:subscribe can only be used in to(...)");
        }
    }
}
