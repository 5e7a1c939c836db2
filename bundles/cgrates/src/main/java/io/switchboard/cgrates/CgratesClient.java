package io.switchboard.cgrates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CGRateS JSON-RPC 1.0 (OSGi service of bundles/cgrates): one method call on the configured engines, with fail-over
 * from one engine to the next when an engine cannot be reached or does not answer in time. An error CGRateS answers
 * is final (it is not tried elsewhere).
 */
public interface CgratesClient {

    /**
     * Calls {@code method} (e.g. {@code SessionSv1.AuthorizeEvent}) with {@code args}, the one element of
     * {@code params}.
     *
     * @return the {@code result} of the reply (a text node {@code "OK"} for acks)
     * @throws CgratesException the {@code error} string of the reply, or no engine answered
     */
    JsonNode call(String method, ObjectNode args) throws CgratesException;

    /** A new, empty argument object (Jackson), to fill and pass to {@link #call}. */
    ObjectNode newArgs();
}
