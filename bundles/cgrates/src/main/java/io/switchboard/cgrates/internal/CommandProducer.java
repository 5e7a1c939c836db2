package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesConstants;
import io.switchboard.cgrates.CgratesException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code cgrates:<Method>}, OpenSIPS's {@code cgrates_cmd}: the args are the CgratesOpt.* headers at the top level
 * ($cgr_opt), the CgratesEvent.* headers in {@code Event} ($cgr), with Tenant and a unique ID filled in when the route
 * sets none; the reply's result goes to CgratesReply and, for an object, each field to CgratesReply.Name
 * ($cgr_ret). An error answer sets CgratesError (or throws, with throwOnError).
 */
final class CommandProducer extends DefaultProducer {

    private final CgratesConfiguration config;
    private final Supplier<CgratesServiceComponent.Billing> billing;

    CommandProducer(
            CgratesEndpoint endpoint, CgratesConfiguration config, Supplier<CgratesServiceComponent.Billing> billing) {
        super(endpoint);
        this.config = config;
        this.billing = billing;
    }

    @Override
    public void process(Exchange exchange) throws CgratesException {
        Message m = exchange.getMessage();
        CgratesServiceComponent.Billing b = billing.get();
        if (b == null) {
            fail(m, new CgratesException("NOT_CONNECTED: billing not running", true, null));
            return;
        }
        ObjectNode args = JsonRpc.MAPPER.createObjectNode();
        ObjectNode event = JsonRpc.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> h : m.getHeaders().entrySet()) {
            if (h.getKey().startsWith(CgratesConstants.OPT_PREFIX)) {
                args.set(h.getKey().substring(CgratesConstants.OPT_PREFIX.length()), json(h.getValue()));
            } else if (h.getKey().startsWith(CgratesConstants.EVENT_PREFIX)) {
                event.set(h.getKey().substring(CgratesConstants.EVENT_PREFIX.length()), json(h.getValue()));
            }
        }
        if (!args.has("Tenant")) {
            args.put("Tenant", b.settings.tenant());
        }
        if (!args.has("ID")) {
            args.put("ID", exchange.getExchangeId());
        }
        if (!event.isEmpty()) {
            args.set("Event", event);
        }
        m.removeHeaders(CgratesConstants.REPLY + "*");
        m.removeHeader(CgratesConstants.ERROR);
        try {
            String method = config.getMethod();
            JsonNode result =
                    method.startsWith("SessionSv1.") ? b.sessions.call(method, args) : b.client.call(method, args);
            m.setHeader(CgratesConstants.REPLY, JsonRpc.MAPPER.convertValue(result, Object.class));
            if (result.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    m.setHeader(
                            CgratesConstants.REPLY + "." + f.getKey(),
                            JsonRpc.MAPPER.convertValue(f.getValue(), Object.class));
                }
            }
        } catch (CgratesException e) {
            fail(m, e);
        }
    }

    private void fail(Message m, CgratesException e) throws CgratesException {
        m.setHeader(CgratesConstants.ERROR, e.getMessage());
        if (config.isThrowOnError()) {
            throw e;
        }
    }

    private static JsonNode json(Object value) {
        return JsonRpc.MAPPER.valueToTree(value);
    }
}
