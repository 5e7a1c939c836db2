package io.switchboard.http.internal;

import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api}: the REST operations in service, so that an operator can see what is there. */
final class ApiIndexRoutes extends RestRoutes {

    private final RestIndex index;

    ApiIndexRoutes(RestIndex index) {
        this.index = index;
    }

    @Override
    public void configure() {
        rest("/api")
                .get()
                .id("api-index")
                .description("The REST operations in service")
                .to("direct:switchboard-api-index");
        from("direct:switchboard-api-index")
                .routeId("switchboard-api-index")
                .process(e -> e.getMessage().setBody(operations()));
    }

    Map<String, Object> operations() {
        List<Map<String, Object>> ops = new ArrayList<>();
        for (RestIndex.Operation op : index.operations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", op.method());
            m.put("path", op.path());
            m.put("description", op.description());
            ops.add(m);
        }
        return Map.of("operations", ops);
    }
}
