package io.switchboard.esl.internal;

import io.switchboard.esl.EslConstants;
import io.switchboard.esl.EslException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code esl:api} and {@code esl:bgapi}: runs a command on a FreeSWITCH server. The exchange is suspended, not its
 * thread: it goes on when the reply (api) or the BACKGROUND_JOB event (bgapi) arrives, on a worker thread. The
 * command comes from header {@link EslConstants#COMMAND}, else the {@code command} option, else the body.
 */
final class EslApiProducer extends DefaultAsyncProducer {

    private final EslEndpoint endpoint;
    private final EslConfiguration config;

    EslApiProducer(EslEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.configuration();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        InboundClient client;
        String command;
        try {
            command = command(exchange);
            String server = exchange.getMessage().getHeader(EslConstants.SERVER, String.class);
            EslComponent component = endpoint.getComponent();
            client = server != null && config.getHost() == null ? component.client(server) : component.client(config);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        ExecutorService workers = endpoint.getComponent().workers();
        Timing timing = endpoint.getComponent().timing();
        if (config.getKind().equals("api")) {
            Duration t = config.getTimeout() == null ? timing.apiTimeout() : Duration.ofMillis(config.getTimeout());
            client.api(command, t)
                    .whenCompleteAsync(
                            (out, err) -> {
                                if (err != null) {
                                    exchange.setException(cause(err));
                                } else {
                                    exchange.getMessage().setBody(out);
                                }
                                callback.done(false);
                            },
                            workers);
            return false;
        }
        Duration t = config.getTimeout() == null ? timing.jobTimeout() : Duration.ofMillis(config.getTimeout());
        InboundClient.BackgroundJob job = client.bgapi(command, t);
        job.accepted()
                .whenCompleteAsync(
                        (id, err) -> {
                            if (err != null) {
                                exchange.setException(cause(err));
                                callback.done(false);
                                return;
                            }
                            exchange.getMessage().setHeader(EslConstants.JOB_UUID, id);
                            if (!config.isWaitForJob()) {
                                exchange.getMessage().setBody(id);
                                callback.done(false);
                                return;
                            }
                            job.result()
                                    .whenCompleteAsync(
                                            (event, failed) -> {
                                                if (failed != null) {
                                                    exchange.setException(cause(failed));
                                                } else {
                                                    String out = event.body() == null ? "" : event.body();
                                                    if (out.startsWith("-ERR") || out.startsWith("-USAGE")) {
                                                        exchange.setException(new EslException(
                                                                "FreeSWITCH "
                                                                        + client.server()
                                                                                .where() + ": bgapi " + command + ": "
                                                                        + out.stripTrailing(),
                                                                out.stripTrailing()));
                                                    } else {
                                                        exchange.getMessage().setBody(out);
                                                    }
                                                }
                                                callback.done(false);
                                            },
                                            workers);
                        },
                        workers);
        return false;
    }

    private String command(Exchange exchange) {
        String c = exchange.getMessage().getHeader(EslConstants.COMMAND, String.class);
        if (c == null) {
            c = config.getCommand();
        }
        if (c == null) {
            c = exchange.getMessage().getBody(String.class);
        }
        if (c == null || c.isBlank()) {
            throw new IllegalArgumentException(
                    "esl:" + config.getKind() + " needs a command: header EslCommand, option command or the body");
        }
        EslCommand.of(config.getKind() + " " + c.strip());
        return c.strip();
    }

    static Throwable cause(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }
}
