package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** One CGRateS engine reached over one transport (TCP object stream or HTTP). */
interface Engine extends AutoCloseable {

    /**
     * Sends one request and waits for its reply.
     *
     * @return the reply envelope
     * @throws IOException the engine could not be reached or did not answer within {@code timeoutMillis}
     */
    JsonNode send(String method, ObjectNode args, long timeoutMillis) throws IOException;

    /** Where it is, for logs. */
    String address();

    @Override
    void close();
}
