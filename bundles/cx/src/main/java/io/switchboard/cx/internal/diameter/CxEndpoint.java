package io.switchboard.cx.internal.diameter;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A {@code cx:} endpoint: producers only (the requests come from {@code diameter:cx}). */
final class CxEndpoint extends DefaultEndpoint {

    private final CxOperation operation;
    private final String sending;

    /** Either {@code operation} (answer a request) or {@code sending} ("deregister", "push-profile"). */
    CxEndpoint(String uri, CxComponent component, CxOperation operation, String sending) {
        super(uri, component);
        this.operation = operation;
        this.sending = sending;
    }

    @Override
    public CxComponent getComponent() {
        return (CxComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return operation != null ? new CxAnswerProducer(this, operation) : new CxSendProducer(this, sending);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(
                getEndpointUri() + " is a producer: consume Cx requests with diameter:cx, then call it in <to>");
    }
}
