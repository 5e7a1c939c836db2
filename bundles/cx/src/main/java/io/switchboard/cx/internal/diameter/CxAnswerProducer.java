package io.switchboard.cx.internal.diameter;

import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterStack;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code cx:uar|mar|sar|lir}: the body, a Cx request from {@code diameter:cx}, becomes its complete answer (which the
 * diameter consumer sends as it is). Synchronous: the HSS's work is a few store look-ups.
 */
final class CxAnswerProducer extends DefaultProducer {

    private final CxOperation operation;

    CxAnswerProducer(CxEndpoint endpoint, CxOperation operation) {
        super(endpoint);
        this.operation = operation;
    }

    @Override
    public CxEndpoint getEndpoint() {
        return (CxEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        CxComponent c = getEndpoint().getComponent();
        DiameterMessage request = exchange.getMessage().getMandatoryBody(DiameterMessage.class);
        DiameterStack stack = c.stack();
        String host = stack != null ? stack.originHost() : null;
        String realm = stack != null ? stack.originRealm() : null;
        exchange.getMessage().setBody(c.adapter().answer(operation, c.hss(), request, host, realm));
    }
}
