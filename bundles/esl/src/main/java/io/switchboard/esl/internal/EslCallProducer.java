package io.switchboard.esl.internal;

import io.switchboard.esl.EslConstants;
import io.switchboard.esl.EslException;
import io.switchboard.esl.EslHangupException;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code esl:execute} and {@code esl:hangup}: one step of the outbound call whose UUID is in header
 * {@link EslConstants#CALL_UUID}. The exchange waits, without a thread, for the step's CHANNEL_EXECUTE_COMPLETE; it
 * then has that event's {@code Application-*} and {@code variable_*} headers (the digits play_and_get_digits
 * collected are in {@code variable_<its variable>}). The headers {@link EslConstants#APPLICATION} and
 * {@link EslConstants#APPLICATION_ARG} are used up by the step, so they do not leak into the next one.
 */
final class EslCallProducer extends DefaultAsyncProducer {

    private final EslEndpoint endpoint;
    private final EslConfiguration config;

    EslCallProducer(EslEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.configuration();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message m = exchange.getMessage();
        String uuid = m.getHeader(EslConstants.CALL_UUID, String.class);
        OutboundSession s = endpoint.getComponent().calls().get(uuid);
        if (s == null && endpoint.getComponent().calls().hasEnded(uuid)) {
            // the caller hung up and FreeSWITCH closed the socket before this step: the call's normal end
            exchange.setException(new EslHangupException("call " + uuid + " has hung up"));
            callback.done(true);
            return true;
        }
        if (s == null) {
            exchange.setException(new EslException(
                    "esl:" + config.getKind() + ": no outbound call " + uuid + " on this node (header "
                            + EslConstants.CALL_UUID + ")",
                    (String) null));
            callback.done(true);
            return true;
        }
        if (config.getKind().equals("hangup")) {
            String cause = m.getHeader(EslConstants.HANGUP_CAUSE, config.getCause(), String.class);
            m.removeHeader(EslConstants.HANGUP_CAUSE);
            s.hangup(cause)
                    .whenCompleteAsync(
                            (r, err) -> {
                                if (err != null) {
                                    exchange.setException(EslApiProducer.cause(err));
                                }
                                callback.done(false);
                            },
                            endpoint.getComponent().workers());
            return false;
        }
        String app = m.getHeader(EslConstants.APPLICATION, config.getApp(), String.class);
        String arg = m.getHeader(EslConstants.APPLICATION_ARG, config.getArg(), String.class);
        m.removeHeader(EslConstants.APPLICATION);
        m.removeHeader(EslConstants.APPLICATION_ARG);
        if (app == null || app.isBlank()) {
            exchange.setException(new IllegalArgumentException(
                    "esl:execute needs an application: option app or header " + EslConstants.APPLICATION));
            callback.done(true);
            return true;
        }
        s.execute(app, arg, config.isEventLock())
                .whenCompleteAsync(
                        (event, err) -> {
                            if (err != null) {
                                exchange.setException(EslApiProducer.cause(err));
                            } else {
                                for (Map.Entry<String, String> h :
                                        event.headers().entrySet()) {
                                    if (h.getKey().startsWith("variable_")
                                            || h.getKey().startsWith("Application")) {
                                        m.setHeader(h.getKey(), h.getValue());
                                    }
                                }
                                m.setHeader(EslConstants.APPLICATION_RESPONSE, event.header("Application-Response"));
                            }
                            callback.done(false);
                        },
                        endpoint.getComponent().workers());
        return false;
    }
}
