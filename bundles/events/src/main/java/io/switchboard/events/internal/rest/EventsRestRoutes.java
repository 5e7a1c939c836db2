package io.switchboard.events.internal.rest;

import io.switchboard.events.EventBus;
import io.switchboard.events.EventStatistics;
import io.switchboard.events.Subscription;
import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The bus over REST: {@code GET /api/events/subscriptions} (live subscriptions and waiting routes) and
 * {@code GET /api/events/stats} (counters). Served by the http bundle when installed (optional import).
 */
@Component(service = RestRoutes.class)
public class EventsRestRoutes extends RestRoutes {

    @Reference
    EventBus bus;

    @Override
    public void configure() {
        rest("/api/events")
                .description("The event bus")
                .get("/subscriptions")
                .description("Live subscriptions; kind wait: a route suspended in events:wait")
                .to("direct:switchboard-events-subscriptions")
                .get("/stats")
                .description("Events published, delivered, dropped; subscriptions and waiting routes now")
                .to("direct:switchboard-events-stats");

        from("direct:switchboard-events-subscriptions")
                .routeId("switchboard-events-subscriptions")
                .process(e -> {
                    long now = System.currentTimeMillis();
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Subscription s : bus.subscriptions()) {
                        out.add(json(s));
                    }
                    e.getMessage().setBody(Map.of("subscriptions", out, "at", now));
                });
        from("direct:switchboard-events-stats")
                .routeId("switchboard-events-stats")
                .process(e -> {
                    EventStatistics s = bus.statistics();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("published", s.published());
                    m.put("delivered", s.delivered());
                    m.put("dropped", s.dropped());
                    m.put("timedOut", s.timedOut());
                    m.put("subscriptions", s.subscriptions());
                    m.put("waiting", s.waiting());
                    e.getMessage().setBody(m);
                });
    }

    static Map<String, Object> json(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.spec().owner().startsWith("wait ") ? "wait" : "subscription");
        m.put("type", s.spec().type());
        m.put("filter", s.spec().filter().toString());
        m.put("owner", s.spec().owner());
        m.put("oneShot", s.spec().oneShot());
        m.put("timeoutMillis", s.spec().timeoutMillis());
        m.put("callId", s.spec().callId());
        m.put("delivered", s.delivered());
        return m;
    }
}
