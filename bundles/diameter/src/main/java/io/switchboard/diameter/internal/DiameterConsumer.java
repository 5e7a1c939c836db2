package io.switchboard.diameter.internal;

import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.CommandDefinition;
import io.switchboard.diameter.DiameterConstants;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import io.switchboard.diameter.DiameterStack;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * One exchange per valid request of the endpoint's application, processed asynchronously (no thread waits for the
 * route). The body is the request. The answer is the body when the route leaves a {@link DiameterMessage} answer
 * there; otherwise it is built from the headers {@code DiameterResultCode} or
 * {@code DiameterExperimentalResultCode} (with the application's vendor), {@code DiameterErrorMessage}, and the
 * AVPs of a {@code List<Avp>} body, in the order of the Cx answer ABNF. A route that sets neither, or fails,
 * answers 5012 DIAMETER_UNABLE_TO_COMPLY.
 */
final class DiameterConsumer extends DefaultConsumer {

    private final DiameterEndpoint endpoint;
    private AutoCloseable registration;

    DiameterConsumer(DiameterEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        registration = endpoint.getComponent()
                .registry()
                .register(endpoint.application().id(), this::handle);
    }

    @Override
    protected void doStop() throws Exception {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        super.doStop();
    }

    CompletionStage<DiameterMessage> handle(String peer, DiameterMessage request) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getMessage();
        in.setBody(request);
        in.setHeader(DiameterConstants.PEER, peer);
        in.setHeader(DiameterConstants.COMMAND_CODE, request.commandCode());
        in.setHeader(DiameterConstants.APPLICATION_ID, request.applicationId());
        endpoint.stack()
                .dictionary()
                .command(request.commandCode(), request.applicationId())
                .map(CommandDefinition::requestName)
                .ifPresent(n -> in.setHeader(DiameterConstants.COMMAND, n));
        request.sessionId().ifPresent(s -> in.setHeader(DiameterConstants.SESSION_ID, s));
        request.originHost().ifPresent(s -> in.setHeader(DiameterConstants.ORIGIN_HOST, s));
        request.originRealm().ifPresent(s -> in.setHeader(DiameterConstants.ORIGIN_REALM, s));
        CompletableFuture<DiameterMessage> answer = new CompletableFuture<>();
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() != null) {
                    answer.completeExceptionally(exchange.getException());
                } else {
                    answer.complete(answerOf(exchange, request));
                }
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            } finally {
                releaseExchange(exchange, false);
            }
        });
        return answer;
    }

    private DiameterMessage answerOf(Exchange exchange, DiameterMessage request) {
        Message m = exchange.getMessage();
        Object body = m.getBody();
        if (body instanceof DiameterMessage a && !a.isRequest()) {
            return a;
        }
        DiameterStack stack = endpoint.stack();
        ApplicationDefinition app = endpoint.application();
        DiameterMessage a = request.createAnswer();
        request.find(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID).ifPresent(a::add);
        Long result = m.getHeader(DiameterConstants.RESULT_CODE, Long.class);
        Long experimental = m.getHeader(DiameterConstants.EXPERIMENTAL_RESULT_CODE, Long.class);
        String error = m.getHeader(DiameterConstants.ERROR_MESSAGE, String.class);
        if (result == null && experimental == null) {
            result = DiameterResultCodes.UNABLE_TO_COMPLY;
            error = error != null ? error : "the route set no result";
        }
        if (result != null) {
            a.add(Avp.unsigned32(AvpCodes.RESULT_CODE, 0, true, result));
            a.setError(DiameterResultCodes.isProtocolError(result));
        } else {
            a.add(Avp.grouped(
                    AvpCodes.EXPERIMENTAL_RESULT,
                    0,
                    true,
                    List.of(
                            Avp.unsigned32(AvpCodes.VENDOR_ID, 0, true, app.vendorId()),
                            Avp.unsigned32(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0, true, experimental))));
        }
        request.find(AvpCodes.AUTH_SESSION_STATE).ifPresent(a::add);
        a.add(Answers.identity(AvpCodes.ORIGIN_HOST, stack.originHost()));
        a.add(Answers.identity(AvpCodes.ORIGIN_REALM, stack.originRealm()));
        if (error != null) {
            a.add(Avp.utf8(AvpCodes.ERROR_MESSAGE, 0, false, error));
        }
        if (body instanceof List<?> avps) {
            for (Object o : avps) {
                if (o instanceof Avp avp) {
                    a.add(avp);
                }
            }
        }
        return a;
    }
}
