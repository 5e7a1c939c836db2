package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanHeaders;
import io.switchboard.dialplan.DialplanService;
import io.switchboard.dialplan.Translation;
import io.switchboard.sip.SipHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code dialplan:translate}: reads the input (the Request-URI's user, or a header), runs it through the dial plan
 * and writes the output; {@code SipDialplanMatched} says whether a rule matched, {@code SipDialplanAttrs} and
 * {@code SipDialplanRule} which. Without a match (or without input) nothing else changes.
 */
final class DialplanProducer extends DefaultProducer {

    private final DialplanEndpoint endpoint;

    DialplanProducer(DialplanEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeader(DialplanHeaders.ATTRS);
        m.removeHeader(DialplanHeaders.RULE);
        DialplanConfiguration c = endpoint.getConfiguration();
        DialplanService service = endpoint.getComponent().service;
        String input = read(m, c.getInput());
        Translation t = service == null || input == null ? null : service.translate(c.getId(), input);
        if (t == null || !write(m, c.getOutput(), t.output())) {
            m.setHeader(DialplanHeaders.MATCHED, false);
            return;
        }
        m.setHeader(DialplanHeaders.MATCHED, true);
        m.setHeader(DialplanHeaders.ATTRS, t.rule().attrs());
        m.setHeader(DialplanHeaders.RULE, t.rule().id());
    }

    private static String read(Message m, String input) {
        if (DialplanConfiguration.RURI_USER.equals(input)) {
            return RequestUriUser.get(m.getHeader(SipHeaders.REQUEST_URI, String.class));
        }
        return m.getHeader(input, String.class);
    }

    /** @return false when the output cannot be written (no Request-URI with a user) */
    private static boolean write(Message m, String output, String value) {
        if (DialplanConfiguration.RURI_USER.equals(output)) {
            String uri = RequestUriUser.set(m.getHeader(SipHeaders.REQUEST_URI, String.class), value);
            if (uri == null) {
                return false;
            }
            m.setHeader(SipHeaders.REQUEST_URI, uri);
            return true;
        }
        m.setHeader(output, value);
        return true;
    }
}
