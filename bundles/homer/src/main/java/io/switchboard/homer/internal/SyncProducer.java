package io.switchboard.homer.internal;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerHeaders;
import io.switchboard.homer.SyncSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code homer:sync}: one sync through the component's service (so it never overlaps REST or the shell); the body
 * becomes the summary map ({@code created}, {@code updated}, {@code deleted}, {@code unchanged}, ...).
 */
final class SyncProducer extends DefaultProducer {

    SyncProducer(HomerEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public HomerEndpoint getEndpoint() {
        return (HomerEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        try {
            SyncSummary s = getEndpoint().getComponent().sync();
            exchange.getMessage().setBody(s.toMap());
            exchange.getMessage().setHeader(HomerHeaders.NOTHING_CHANGED, s.nothingChanged());
            exchange.getMessage().removeHeader(HomerHeaders.SYNC_ERROR);
        } catch (HomerException e) {
            if (getEndpoint().isThrowOnError()) {
                throw e;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("kind", e.kind().name());
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(HomerHeaders.SYNC_ERROR, e.getMessage());
        }
    }
}
