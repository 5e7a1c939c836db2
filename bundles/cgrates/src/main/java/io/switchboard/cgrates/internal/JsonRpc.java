package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesException;

/**
 * The JSON-RPC 1.0 envelope of Go's {@code net/rpc/jsonrpc}, as CGRateS speaks it: a request is
 * {@code {"method","params":[args],"id"}}, a reply {@code {"id","result","error"}} where {@code error} is a plain
 * string and exactly one of result/error is non-null (OpenSIPS rejects other replies, so do we).
 */
final class JsonRpc {

    /** One mapper for the bundle: thread-safe once configured. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpc() {}

    static ObjectNode request(long id, String method, JsonNode args) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("method", method);
        r.putArray("params").add(args == null ? JsonNodeFactory.instance.objectNode() : args);
        r.put("id", id);
        return r;
    }

    static ObjectNode reply(JsonNode id, JsonNode result, String error) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.set("id", id);
        if (error != null) {
            r.putNull("result");
            r.put("error", error);
        } else {
            r.set("result", result);
            r.putNull("error");
        }
        return r;
    }

    /** True for a request CGRateS sends us (bijson): it has a method; a reply has none. */
    static boolean isRequest(JsonNode message) {
        return message.hasNonNull("method");
    }

    /**
     * The result of a reply.
     *
     * @throws CgratesException the reply's error string, or a malformed reply (both or neither set)
     */
    static JsonNode result(JsonNode reply) throws CgratesException {
        JsonNode result = reply.get("result");
        JsonNode error = reply.get("error");
        boolean hasResult = result != null && !result.isNull();
        boolean hasError = error != null && !error.isNull();
        if (hasResult == hasError) {
            throw CgratesException.answered("SERVER_ERROR: malformed JSON-RPC reply ("
                    + (hasResult ? "both" : "neither") + " of result and error)");
        }
        if (hasError) {
            throw CgratesException.answered(error.isTextual() ? error.asText() : error.toString());
        }
        return result;
    }
}
