package io.switchboard.diameter.internal;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.CommandDefinition;
import io.switchboard.diameter.DiameterConstants;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterStack;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the body as a request (a {@link DiameterMessage}, or a request of the {@code command} option built with a
 * {@code List<Avp>} body) and continues the exchange when the answer arrives, on the Netty thread that read it:
 * no thread is parked per request. The answer becomes the body; a lost peer or a time-out is the exchange's
 * exception ({@link DiameterException}).
 */
final class DiameterProducer extends DefaultAsyncProducer {

    private final DiameterEndpoint endpoint;

    DiameterProducer(DiameterEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        DiameterStack stack = endpoint.stack();
        DiameterConfiguration c = endpoint.getConfiguration();
        Message in = exchange.getMessage();
        String peer = in.getHeader(DiameterConstants.PEER, c.getPeer(), String.class);
        DiameterMessage request;
        try {
            if (stack == null) {
                throw new DiameterException("the Diameter node is not running");
            }
            request = request(stack, c, in.getBody(), peer);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        long timeout = c.getTimeout() > 0 ? c.getTimeout() : stack.requestTimeoutMillis();
        stack.send(peer, request, timeout).whenComplete((answer, error) -> {
            if (error != null) {
                exchange.setException(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                describe(stack, exchange.getMessage(), answer);
            }
            callback.done(false);
        });
        return false;
    }

    private static DiameterMessage request(DiameterStack stack, DiameterConfiguration c, Object body, String peer) {
        if (body instanceof DiameterMessage m) {
            if (!m.isRequest()) {
                throw new IllegalArgumentException("the body is a Diameter answer, not a request");
            }
            return m;
        }
        if (c.getCommand() == null) {
            throw new IllegalArgumentException(
                    "the body is no DiameterMessage and the endpoint has no command option to build one");
        }
        String realm = c.getDestinationRealm();
        if ((realm == null || realm.isBlank()) && peer != null) {
            realm = stack.peers().stream()
                    .filter(p -> p.identity().equalsIgnoreCase(peer))
                    .map(DiameterPeerInfo::realm)
                    .filter(r -> !r.isEmpty())
                    .findFirst()
                    .orElse(null);
        }
        DiameterMessage m = stack.newRequest(c.getCommand(), realm);
        if (body instanceof List<?> avps) {
            for (Object o : avps) {
                m.add((Avp) o);
            }
        }
        return m;
    }

    private static void describe(DiameterStack stack, Message out, DiameterMessage answer) {
        out.setBody(answer);
        out.setHeader(DiameterConstants.COMMAND_CODE, answer.commandCode());
        out.setHeader(DiameterConstants.APPLICATION_ID, answer.applicationId());
        stack.dictionary()
                .command(answer.commandCode(), answer.applicationId())
                .map(CommandDefinition::answerName)
                .ifPresent(n -> out.setHeader(DiameterConstants.COMMAND, n));
        answer.sessionId().ifPresent(s -> out.setHeader(DiameterConstants.SESSION_ID, s));
        answer.originHost().ifPresent(s -> out.setHeader(DiameterConstants.ORIGIN_HOST, s));
        answer.originRealm().ifPresent(s -> out.setHeader(DiameterConstants.ORIGIN_REALM, s));
        out.removeHeader(DiameterConstants.RESULT_CODE);
        out.removeHeader(DiameterConstants.EXPERIMENTAL_RESULT_CODE);
        answer.find(AvpCodes.RESULT_CODE)
                .ifPresent(r -> out.setHeader(DiameterConstants.RESULT_CODE, r.asUnsigned32()));
        answer.find(AvpCodes.EXPERIMENTAL_RESULT)
                .flatMap(g -> g.child(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0))
                .ifPresent(r -> out.setHeader(DiameterConstants.EXPERIMENTAL_RESULT_CODE, r.asUnsigned32()));
    }
}
