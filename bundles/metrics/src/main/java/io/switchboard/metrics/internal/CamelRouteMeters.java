package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Exchanges, failures and processing time of every route of the platform context, read from Camel's own route
 * statistics (camel-management, which counts them anyway) when Prometheus scrapes: no per-exchange work of ours
 * and no route policy, so routes loaded before this bundle are counted as well as later ones. A route added
 * or removed (a route file reloaded) gets or loses its series through Camel's route events.
 */
@Component(
        immediate = true,
        service = {})
public class CamelRouteMeters extends EventNotifierSupport {

    static final String EXCHANGES = "switchboard.camel.route.exchanges";
    static final String FAILURES = "switchboard.camel.route.failures";
    static final String PROCESSING = "switchboard.camel.route.processing";

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext context;

    @Reference
    MeterRegistry registry;

    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    @Activate
    void activate() throws Exception {
        start();
        context.getManagementStrategy().addEventNotifier(this);
        for (Route r : context.getRoutes()) {
            add(r.getRouteId());
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        context.getManagementStrategy().removeEventNotifier(this);
        stop();
        for (String id : List.copyOf(meters.keySet())) {
            remove(id);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteAddedEvent added) {
            add(added.getRoute().getRouteId());
        } else if (event instanceof CamelEvent.RouteRemovedEvent removed) {
            remove(removed.getRoute().getRouteId());
        }
    }

    void add(String routeId) {
        meters.computeIfAbsent(routeId, id -> {
            List<Meter> list = new ArrayList<>(3);
            list.add(counter(
                            EXCHANGES,
                            "Exchanges the route completed or failed",
                            id,
                            ManagedRouteMBean::getExchangesTotal)
                    .register(registry));
            list.add(counter(FAILURES, "Exchanges of the route that failed", id, ManagedRouteMBean::getExchangesFailed)
                    .register(registry));
            list.add(FunctionCounter.builder(PROCESSING, this, m -> seconds(m, id))
                    .description("Time the route spent processing exchanges")
                    .baseUnit("seconds")
                    .tag("route", id)
                    .register(registry));
            return list;
        });
    }

    private FunctionCounter.Builder<CamelRouteMeters> counter(
            String name, String help, String routeId, ToLongFunction<ManagedRouteMBean> value) {
        return FunctionCounter.builder(name, this, m -> {
                    ManagedRouteMBean route = m.managed(routeId);
                    return route == null ? 0 : value.applyAsLong(route);
                })
                .description(help)
                .tag("route", routeId);
    }

    private double seconds(CamelRouteMeters m, String routeId) {
        ManagedRouteMBean route = m.managed(routeId);
        return route == null ? 0 : route.getTotalProcessingTime() / (double) TimeUnit.SECONDS.toMillis(1);
    }

    void remove(String routeId) {
        List<Meter> list = meters.remove(routeId);
        if (list != null) {
            list.forEach(registry::remove);
        }
    }

    private ManagedRouteMBean managed(String routeId) {
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return managed == null ? null : managed.getManagedRoute(routeId);
    }
}
