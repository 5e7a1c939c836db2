package io.switchboard.rabbitmq.internal.rest;

import io.switchboard.http.RestRoutes;
import io.switchboard.rabbitmq.EventExport;
import io.switchboard.rabbitmq.ExportStatistics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The export over REST: {@code GET /api/rabbitmq/stats}. Served by the http bundle when installed (optional
 * import).
 */
@Component(service = RestRoutes.class)
public class RabbitMqRestRoutes extends RestRoutes {

    @Reference
    EventExport export;

    @Override
    public void configure() {
        rest("/api/rabbitmq")
                .description("Events to RabbitMQ")
                .get("/stats")
                .description("Events received, published (confirmed by the broker), dropped, buffered; connection")
                .to("direct:switchboard-rabbitmq-stats");

        from("direct:switchboard-rabbitmq-stats")
                .routeId("switchboard-rabbitmq-stats")
                .process(e -> e.getMessage().setBody(json(export.statistics())));
    }

    static Map<String, Object> json(ExportStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connected", s.connected());
        m.put("received", s.received());
        m.put("published", s.published());
        m.put("dropped", s.dropped());
        m.put("buffered", s.buffered());
        m.put("connects", s.connects());
        m.put("failures", s.failures());
        m.put("lastError", s.lastError());
        return m;
    }
}
