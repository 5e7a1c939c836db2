package io.switchboard.http.internal;

import io.switchboard.http.RestRoutes;
import io.switchboard.settings.SettingsReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RestConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's HTTP server: the REST configuration of the platform CamelContext (component
 * {@code netty-http} bound to {@code http.host}:{@code http.port}, JSON binding with Jackson) and the
 * {@link RestRoutes} services of every capability bundle, added once the server is configured and removed
 * when their service goes. Saving {@code etc/io.switchboard.http.cfg} re-binds the server.
 */
@Component(
        configurationPid = HttpServerSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = {})
@Designate(ocd = HttpServerSettings.class)
public class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<HttpServerSettings> SETTINGS = HttpSettings.reader(LOG::warn);

    static final String COMPONENT = "netty-http";

    /** A RouteBuilder configures its routes once; a re-bind (or a new HttpServer) adds those same definitions. */
    private static final Map<RestRoutes, Configured> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Configured(List<RouteDefinition> routes, List<RestIndex.Operation> operations) {}

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext context; // package-private: set directly by unit tests

    private final RestIndex index = new RestIndex();
    private final ApiIndexRoutes indexRoutes = new ApiIndexRoutes(index);
    private final Map<RestRoutes, Set<String>> contributions = new LinkedHashMap<>();
    private HttpSettings settings;
    private boolean active;
    /** The server is bound (not refused for its settings): contributions are added to the context. */
    private boolean bound;

    @Activate
    synchronized void activate(Map<String, Object> config) {
        settings = HttpSettings.of(SETTINGS.read(config));
        contributions.putIfAbsent(indexRoutes, new LinkedHashSet<>());
        bind();
        active = true;
    }

    @Modified
    synchronized void modified(Map<String, Object> config) {
        HttpSettings changed = HttpSettings.of(SETTINGS.read(config));
        if (changed.equals(settings)) {
            return;
        }
        unbind();
        settings = changed;
        bind();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        unbind();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindRestRoutes(RestRoutes routes) {
        contributions.put(routes, new LinkedHashSet<>());
        if (active && bound) {
            add(routes);
        }
    }

    synchronized void unbindRestRoutes(RestRoutes routes) {
        if (active && bound) {
            remove(routes);
        }
        if (active) {
            CONFIGURED.remove(routes); // the service is gone for good, not just this server
        }
        contributions.remove(routes);
    }

    /** The server settings in force (for tests and diagnostics). */
    synchronized HttpSettings settings() {
        return settings;
    }

    /**
     * Configures REST for the current settings, with a new component, and adds every contribution; or, for an
     * address other than loopback without a token, serves nothing and says why. Refused rather than given a token
     * made up and logged: a made-up token would sit in log files and log collectors, and an operator who opened
     * the API to the network learns at once, from one ERROR line, which setting is missing.
     */
    private void bind() {
        bound = settings.authenticated() || settings.loopback();
        if (!bound) {
            LOG.error(
                    "REST API not started: http.host = {} is not a loopback address and http.api.token is empty "
                            + "(anyone on that network could manage subscribers and calls); set http.api.token in "
                            + "etc/{}.cfg, or bind to 127.0.0.1",
                    settings.host(),
                    HttpServerSettings.PID);
            return;
        }
        RestConfiguration rest = context.getRestConfiguration();
        rest.setComponent(COMPONENT);
        rest.setHost(settings.host());
        rest.setPort(settings.port());
        rest.setBindingMode(RestConfiguration.RestBindingMode.json);
        rest.setJsonDataFormat("jackson");
        rest.setSkipBindingOnErrorCode(false); // error bodies are JSON too
        if (context.hasComponent(COMPONENT) != null) {
            context.removeComponent(COMPONENT);
        }
        context.addComponent(COMPONENT, new ApiHttpComponent(settings, index));
        for (RestRoutes routes : List.copyOf(contributions.keySet())) {
            add(routes);
        }
        LOG.info(
                "REST API on {} with {} contributions, answering Host {}",
                settings,
                contributions.size(),
                settings.hosts());
    }

    /** Removes every contribution's routes and the server. */
    private void unbind() {
        if (!bound) {
            return;
        }
        bound = false;
        for (RestRoutes routes : List.copyOf(contributions.keySet())) {
            remove(routes);
        }
        try {
            context.removeEndpoints(COMPONENT + ":*");
            context.removeEndpoints("rest:*");
            context.removeComponent(COMPONENT); // stops it: the server socket closes
        } catch (Exception e) {
            LOG.warn("Could not remove the HTTP server component", e);
        }
    }

    private void add(RestRoutes routes) {
        Set<String> before = routeIds();
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Configured done = CONFIGURED.get(routes);
        boolean failed = false;
        try {
            if (done == null) {
                routes.addLifecycleInterceptor(new RouteBuilderLifecycleStrategy() {
                    @Override
                    public void beforeConfigure(RouteBuilder builder) {
                        // an exception becomes the JSON error answer (JsonErrorBinding), not an ERROR log line per
                        // 4xx; a contributor that wants redelivery or onException sets its own errorHandler
                        builder.errorHandler(builder.noErrorHandler());
                        // a request body the JSON binding could not read fails the exchange without stopping it:
                        // the route's first step would still run, on the raw text, and could hide the 400
                        builder.interceptFrom().process(HttpServer::stopOnBindingFailure);
                    }
                });
                context.addRoutes(routes);
            } else {
                model.addRouteDefinitions(done.routes());
            }
        } catch (Exception e) {
            LOG.error("Could not add the REST routes of {}", routes.getClass().getName(), e);
            failed = true;
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        if (done == null && failed) {
            // what did start is removed with the contribution; nothing is listed in GET /api
            contributions.computeIfAbsent(routes, r -> new LinkedHashSet<>()).addAll(added);
            return;
        }
        if (done == null) {
            // the definitions really in service (the REST DSL inlines the direct: routes of the verbs)
            List<RouteDefinition> defs = added.stream()
                    .map(model::getRouteDefinition)
                    .filter(Objects::nonNull)
                    .toList();
            done = new Configured(
                    defs, RestIndex.operationsOf(routes.getRestCollection().getRests()));
            CONFIGURED.put(routes, done);
        }
        index.add(done.operations());
        contributions.computeIfAbsent(routes, r -> new LinkedHashSet<>()).addAll(added);
        LOG.info("Added REST routes {} of {}", added, routes.getClass().getName());
    }

    private void remove(RestRoutes routes) {
        Set<String> ids = contributions.getOrDefault(routes, new LinkedHashSet<>());
        for (String id : ids) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove REST route {}", id, e);
            }
        }
        ids.clear();
        Configured done = CONFIGURED.get(routes);
        if (done != null) {
            index.remove(done.operations());
        }
    }

    static void stopOnBindingFailure(Exchange exchange) throws Exception {
        Exception failure = exchange.getException();
        if (failure != null) {
            throw failure;
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route r : context.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }
}
