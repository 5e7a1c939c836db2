package io.switchboard.core.internal.rest;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFiles;
import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/routes}: the routes in service and what became of each route file (a refused file with its
 * error: file, line, column and reason); {@code POST /api/routes/reload} loads every file again. Served by the http
 * bundle when it is installed (optional import of {@code io.switchboard.http}).
 */
@Component(service = RestRoutes.class)
public class RouteFilesRestRoutes extends RestRoutes {

    @Reference
    RouteFiles routeFiles;

    @Reference(target = "(camel.context.name=" + RouteFiles.CONTEXT_NAME + ")")
    CamelContext platform;

    @Override
    public void configure() {
        rest("/api/routes")
                .description("Route files and the routes in service")
                .get()
                .description("Every route in service and the state of every route file")
                .to("direct:switchboard-routes-list")
                .post("/reload")
                .description("Loads every route file again, then lists as GET does")
                .to("direct:switchboard-routes-reload");

        from("direct:switchboard-routes-list")
                .routeId("switchboard-routes-list")
                .process(e -> e.getMessage().setBody(list()));
        from("direct:switchboard-routes-reload")
                .routeId("switchboard-routes-reload")
                .process(e -> {
                    routeFiles.reloadAll();
                    e.getMessage().setBody(list());
                });
    }

    Map<String, Object> list() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (RouteFileStatus s : routeFiles.status()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", s.file().getFileName().toString());
            f.put("state", s.state().name());
            f.put("routes", s.routeIds());
            if (s.error() != null) {
                f.put("error", s.error());
            }
            f.put("changed", s.changed().toString());
            files.add(f);
        }
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Route r : platform.getRoutes()) {
            routes.add(Map.of(
                    "id",
                    r.getRouteId(),
                    "status",
                    String.valueOf(platform.getRouteController().getRouteStatus(r.getRouteId())),
                    "from",
                    r.getEndpoint().getEndpointUri()));
        }
        return Map.of("files", files, "routes", routes);
    }
}
