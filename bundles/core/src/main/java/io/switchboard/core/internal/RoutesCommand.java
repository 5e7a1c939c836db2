package io.switchboard.core.internal;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code switchboard:routes}: the routes in service, and what became of each route file. */
@Command(
        scope = "switchboard",
        name = "routes",
        description = "Lists the routes of the platform and the state of each route file")
@Service
public class RoutesCommand implements Action {

    @Reference
    CamelContext context;

    @Reference
    RouteFiles routeFiles;

    @Option(name = "--reload", description = "Load every route file again first")
    boolean reload;

    @Override
    public Object execute() {
        if (reload) {
            routeFiles.reloadAll();
        }
        System.out.printf("%-32s %-10s %s%n", "ROUTE", "STATUS", "FROM");
        for (Route route : context.getRoutes()) {
            System.out.printf(
                    "%-32s %-10s %s%n",
                    route.getRouteId(),
                    context.getRouteController().getRouteStatus(route.getRouteId()),
                    route.getEndpoint().getEndpointUri());
        }
        System.out.println();
        System.out.printf("%-32s %-7s %s%n", "FILE", "STATE", "ROUTES / ERROR");
        for (RouteFileStatus s : routeFiles.status()) {
            System.out.printf(
                    "%-32s %-7s %s%n",
                    s.file().getFileName(), s.state(), s.error() == null ? String.join(",", s.routeIds()) : s.error());
        }
        return null;
    }
}
