package io.switchboard.http.internal;

import io.netty.handler.codec.http.HttpResponse;
import io.switchboard.http.JsonError;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.netty.http.NettyHttpConfiguration;
import org.apache.camel.component.netty.http.RestNettyHttpBinding;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REST exchange that failed answers a JSON error (never a stack trace): {@link io.switchboard.http.RestException}
 * with its status, bad JSON in the request body 400, anything else 500 (logged).
 */
class JsonErrorBinding extends RestNettyHttpBinding {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorBinding.class);

    JsonErrorBinding(HeaderFilterStrategy headerFilterStrategy) {
        super(headerFilterStrategy);
    }

    @Override
    public JsonErrorBinding copy() {
        return (JsonErrorBinding) super.copy(); // a clone: keeps this class
    }

    @Override
    public HttpResponse toNettyResponse(Message message, NettyHttpConfiguration configuration) throws Exception {
        Exchange exchange = message.getExchange();
        Exception failure = exchange.getException();
        if (failure != null) {
            ErrorStatus error = ErrorStatus.of(failure);
            if (error.status() >= 500) {
                LOG.warn(
                        "REST {} {} failed",
                        message.getHeader(Exchange.HTTP_METHOD),
                        message.getHeader(Exchange.HTTP_URI),
                        failure);
            }
            exchange.setException(null);
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(JsonError.json(error.status(), error.message()).getBytes(StandardCharsets.UTF_8));
        }
        return super.toNettyResponse(message, configuration);
    }
}
