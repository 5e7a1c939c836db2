package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests CGRateS sends on the bijson link (notes §2, §8): {@code SessionSv1.DisconnectSession} (legacy
 * {@code SMGClientV1.DisconnectSession}), args {@code {"EventStart":{...,"OriginID":...},"Reason":"..."}}: the call
 * is ended with a BYE to both sides and the answer is {@code "OK"}; {@code SessionSv1.GetActiveSessionIDs}: the live
 * billed calls as {@code [{"OriginHost","OriginID"}]}. Anything else: {@code UNSUPPORTED_SERVICE_METHOD}.
 */
final class BiRpcRequests implements RpcConnection.RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BiRpcRequests.class);

    private final CallRegistry calls;
    private final Predicate<String> ender;
    private final String originHost;

    BiRpcRequests(CallRegistry calls, Predicate<String> ender, String originHost) {
        this.calls = calls;
        this.ender = ender;
        this.originHost = originHost;
    }

    @Override
    public JsonNode handle(String method, JsonNode args) throws Error {
        switch (method) {
            case "SessionSv1.DisconnectSession", "SMGClientV1.DisconnectSession" -> {
                String originId = args == null
                        ? ""
                        : args.path("EventStart").path("OriginID").asText("");
                if (originId.isEmpty()) {
                    throw new Error("MANDATORY_IE_MISSING: [OriginID]");
                }
                String callId = calls.byOriginId(originId)
                        .map(c -> c.callId)
                        .orElse(originId.contains(";") ? originId.substring(0, originId.lastIndexOf(';')) : originId);
                LOG.info(
                        "CGRateS disconnects {}: {}",
                        originId,
                        args.path("Reason").asText(""));
                if (!ender.test(callId)) {
                    throw new Error("NOT_FOUND");
                }
                return TextNode.valueOf("OK");
            }
            case "SessionSv1.GetActiveSessionIDs", "SMGClientV1.GetActiveSessionIDs" -> {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                for (BilledCall c : calls.live()) {
                    out.addObject().put("OriginHost", originHost).put("OriginID", c.originId);
                }
                return out;
            }
            default -> throw new Error("UNSUPPORTED_SERVICE_METHOD");
        }
    }
}
