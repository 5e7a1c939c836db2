package io.switchboard.cgrates.internal.rest;

import io.switchboard.cgrates.CgratesService;
import io.switchboard.cgrates.OutboxEntry;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The CDR outbox over REST: {@code GET /api/cgrates/outbox[?state=pending|delivered|failed&limit=N]} (counts and
 * rows) and {@code POST /api/cgrates/outbox/{id}/retry}. Served by the http bundle when installed (optional import).
 */
@Component(service = RestRoutes.class)
public class CgratesRestRoutes extends RestRoutes {

    private static final List<String> STATES = List.of("pending", "delivered", "failed");

    @Reference
    CgratesService cgrates;

    @Override
    public void configure() {
        rest("/api/cgrates/outbox")
                .description("CGRateS CDR outbox")
                .get()
                .description("Counts per state and the rows (state, limit: query parameters)")
                .to("direct:switchboard-cgrates-outbox")
                .post("/{id}/retry")
                .description("Sends an undelivered row now")
                .to("direct:switchboard-cgrates-retry");

        from("direct:switchboard-cgrates-outbox")
                .routeId("switchboard-cgrates-outbox")
                .process(e -> {
                    String state = e.getMessage().getHeader("state", String.class);
                    if (state != null && !STATES.contains(state)) {
                        throw new RestException(400, "state must be pending, delivered or failed");
                    }
                    int limit = limit(e.getMessage().getHeader("limit", String.class));
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (OutboxEntry o : cgrates.outbox(state, limit)) {
                        rows.add(json(o));
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("counts", cgrates.outboxCounts());
                    out.put("rows", rows);
                    e.getMessage().setBody(out);
                });
        from("direct:switchboard-cgrates-retry")
                .routeId("switchboard-cgrates-retry")
                .process(e -> {
                    long id;
                    try {
                        id = Long.parseLong(e.getMessage().getHeader("id", String.class));
                    } catch (NumberFormatException x) {
                        throw new RestException(400, "id must be a number");
                    }
                    if (!cgrates.retry(id)) {
                        throw new RestException(404, "no undelivered outbox row " + id);
                    }
                    e.getMessage().setHeader("CamelHttpResponseCode", 202);
                    e.getMessage().setBody(Map.of("id", id, "state", "pending"));
                });
    }

    private static int limit(String v) {
        if (v == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RestException(400, "limit must be a number from 1 to 10000");
    }

    static Map<String, Object> json(OutboxEntry o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("originId", o.originId());
        m.put("method", o.method());
        m.put("state", o.state());
        m.put("attempts", o.attempts());
        m.put("lastError", o.lastError());
        m.put("createdAt", Instant.ofEpochMilli(o.createdAt()).toString());
        m.put(
                "deliveredAt",
                o.deliveredAt() == 0
                        ? null
                        : Instant.ofEpochMilli(o.deliveredAt()).toString());
        return m;
    }
}
