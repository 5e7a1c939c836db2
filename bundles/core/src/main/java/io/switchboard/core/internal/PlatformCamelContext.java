package io.switchboard.core.internal;

import io.switchboard.core.FeatureVariables;
import io.switchboard.core.RouteFiles;
import io.switchboard.settings.SettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one platform CamelContext, {@value RouteFiles#CONTEXT_NAME}. Routes come from two places:
 * every {@link RoutesBuilder} OSGi service (integrators' bundles) and the XML files of the routes
 * folder. Components, beans and DataSources are looked up in the OSGi service registry.
 * Every property of {@code etc/io.switchboard.core.cfg} is a Camel property ({@code {{sip.port}}}); the context's
 * own keys are declared in {@link CoreSettings}.
 */
@Component(configurationPid = CoreSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CoreSettings.class)
public class PlatformCamelContext {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCamelContext.class);
    /** Static: the last valid settings outlive the re-activation a change causes, so a bad value then keeps them. */
    private static final SettingsReader<CoreSettings> SETTINGS = reader(LOG::warn);

    private final Map<RoutesBuilder, Set<String>> builders = new HashMap<>();
    private volatile DefaultCamelContext context;
    private OsgiBeanRepository beans;
    private volatile RouteFileWatcher routeFiles;
    private PlatformReadiness readiness;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    /** The component services, which join the context eagerly (see {@link #join}). */
    private final ComponentMembers components = new ComponentMembers();

    private volatile ExecutorService joiner;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> config) throws Exception {
        CoreSettings settings = SETTINGS.read(config);
        beans = new OsgiBeanRepository(bundleContext);
        DefaultCamelContext ctx = new DefaultCamelContext(new DefaultRegistry(beans));
        ctx.getCamelContextExtension().setName(RouteFiles.CONTEXT_NAME);
        // every Camel service lookup (languages, components, DSL loaders) in the runtime bundle
        ctx.setApplicationContextClassLoader(DefaultCamelContext.class.getClassLoader());
        ctx.getPropertiesComponent().setInitialProperties(camelProperties(config));
        ctx.getShutdownStrategy().setTimeout(settings.shutdown_timeout_seconds());
        // a replaced route is stopped at once when its only exchanges in flight wait in their components (calls
        // ringing); RouteFileWatcher says so in a line of its own instead of Camel's warning and exchange dump
        ctx.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        ctx.getShutdownStrategy().setLogInflightExchangesOnTimeout(false);
        ManagementLevels.of(settings).applyTo(ctx);
        HandoverDirectComponent direct = new HandoverDirectComponent(settings.routes_handover_wait_millis());
        ctx.addComponent("direct", direct);
        try {
            ctx.start();
            synchronized (this) {
                context = ctx;
                for (RoutesBuilder builder : builders.keySet()) {
                    addBuilder(builder);
                }
            }
            joiner = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "switchboard-component-join");
                t.setDaemon(true);
                return t;
            });
            components.names().forEach(this::join);
            routeFiles = new RouteFileWatcher(
                    ctx,
                    routesFolder(settings),
                    direct,
                    settings.routes_reload_stop_millis(),
                    settings.routes_delete_grace_millis());
            routeFiles.start();
            registrations.add(bundleContext.registerService(
                    CamelContext.class, ctx, new Hashtable<>(Map.of("camel.context.name", RouteFiles.CONTEXT_NAME))));
            registrations.add(bundleContext.registerService(RouteFiles.class, routeFiles, null));
            LOG.info("CamelContext {} started (Camel {})", RouteFiles.CONTEXT_NAME, ctx.getVersion());
            readiness = new PlatformReadiness(bundleContext);
            readiness.open();
            readiness.routesLoaded();
        } catch (Exception e) {
            deactivate(); // SCR does not call @Deactivate when @Activate throws
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        if (readiness != null) {
            readiness.close();
            readiness = null;
        }
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        });
        registrations.clear();
        ExecutorService j = joiner;
        joiner = null;
        if (j != null) {
            j.shutdownNow();
        }
        if (routeFiles != null) {
            routeFiles.close();
        }
        DefaultCamelContext ctx;
        synchronized (this) {
            ctx = context;
            context = null;
        }
        if (ctx != null) {
            ctx.stop();
        }
        if (beans != null) {
            beans.close();
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindRoutesBuilder(RoutesBuilder builder) {
        builders.put(builder, new LinkedHashSet<>());
        if (context != null) {
            addBuilder(builder);
        }
    }

    synchronized void unbindRoutesBuilder(RoutesBuilder builder) {
        Set<String> ids = builders.remove(builder);
        if (context == null || ids == null) {
            return;
        }
        for (String id : ids) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.error("Could not remove route {} of a departing RoutesBuilder", id, e);
            }
        }
        LOG.info("Removed routes {} of {}", ids, builder.getClass().getName());
    }

    /** A newly registered component may be what a failed route file was waiting for. */
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + OsgiBeanRepository.NAME_PROPERTY + "=*)")
    void bindComponent(org.apache.camel.Component component, Map<String, Object> props) {
        String name = String.valueOf(props.get(OsgiBeanRepository.NAME_PROPERTY));
        components.add(name);
        join(name);
        RouteFileWatcher files = routeFiles;
        if (files != null) {
            files.retryFailed();
        }
    }

    /**
     * Makes a component service a member of the context now rather than at its first use, and sets the global
     * variable {@code component-<name>} ({@link FeatureVariables}) once it is, so that routes can ask
     * {@code ${variable.global:component-sca} != null} on every request of every call: a map lookup that copies
     * nothing, where {@code ${camelContext.hasComponent('sca')}} (still working) copies the exchange in Camel's
     * OGNL bean call and {@code getComponent} adds an OSGi registry lookup (10-30 microseconds). From a thread of
     * its own: the component's bundle may be activating on this one.
     */
    private void join(String name) {
        ExecutorService j = joiner;
        DefaultCamelContext ctx = context;
        if (j == null || ctx == null) {
            return; // activate() joins the components bound before it
        }
        try {
            j.execute(() -> {
                try {
                    components.join(name, ctx);
                } catch (RuntimeException e) {
                    LOG.warn("Component {} could not join the platform context: {}", name, e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the context is stopping
        }
    }

    /**
     * A component that goes away takes the route files that use it; they come back with it. Only those files: a
     * collaborator restarting (a settings change, a bundle refresh) must not stop the routes of the others, among them
     * the SIP listener of sip.xml, whose connector would close and open again (docs/decisions.md §32). Endpoints
     * of the component created by {@code toD} are dropped so that the next use creates them on its new instance.
     * Its {@code component-<name>} variable goes first.
     */
    void unbindComponent(org.apache.camel.Component component, Map<String, Object> props) {
        String name = String.valueOf(props.get(OsgiBeanRepository.NAME_PROPERTY));
        DefaultCamelContext ctx = context;
        boolean another = components.remove(name, ctx);
        RouteFileWatcher files = routeFiles;
        if (ctx == null || files == null) {
            return;
        }
        synchronized (files) {
            List<Path> users = files.filesUsing(name);
            users.forEach(files::unload);
            ctx.removeComponent(name);
            try {
                ctx.removeEndpoints(name + ":*");
            } catch (Exception e) {
                LOG.warn("Could not remove the endpoints of departing component {}: {}", name, e.getMessage());
            }
            files.reload(users);
        }
        if (another) {
            join(name); // the service of that name still registered takes the departed one's place
        }
    }

    private void addBuilder(RoutesBuilder builder) {
        Set<String> before = routeIds();
        try {
            context.addRoutes(builder);
            Set<String> added = routeIds();
            added.removeAll(before);
            builders.get(builder).addAll(added);
            LOG.info("Added routes {} of {}", added, builder.getClass().getName());
        } catch (Exception e) {
            LOG.error("Could not add the routes of {}", builder.getClass().getName(), e);
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route r : context.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    /**
     * A reader of PID {@code io.switchboard.core}; the warnings of rejected values go to {@code warnings}. The rules:
     * a management level is a name of Camel's enum, and a request parked in the handover waits longer than the old
     * version of a file gets to finish, else it is refused while the new version is on its way.
     */
    static SettingsReader<CoreSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(CoreSettings.PID, CoreSettings.class, warnings)
                .rule(
                        "routes.handover.wait.millis > routes.reload.stop.millis",
                        s -> s.routes_handover_wait_millis() > s.routes_reload_stop_millis(),
                        "routes.handover.wait.millis",
                        "routes.reload.stop.millis")
                .rule(
                        "management.mbeans.level " + ManagementLevels.oneOf(ManagementMBeansLevel.class),
                        s -> ManagementLevels.isLevel(s.management_mbeans_level(), ManagementMBeansLevel.class),
                        "management.mbeans.level")
                .rule(
                        "management.statistics.level " + ManagementLevels.oneOf(ManagementStatisticsLevel.class),
                        s -> ManagementLevels.isLevel(s.management_statistics_level(), ManagementStatisticsLevel.class),
                        "management.statistics.level");
    }

    /** The routes folder: {@code routes.dir}, or {@code ${karaf.base}/routes} when it is empty. */
    static Path routesFolder(CoreSettings settings) {
        String configured = settings.routes_dir();
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.base", "."), "routes");
    }

    /** Every key of the PID, the context's own settings too, as given: the Camel properties routes use as {{name}}. */
    static Properties camelProperties(Map<String, Object> config) {
        Properties props = new Properties();
        config.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.") && v != null) {
                props.setProperty(k, v.toString());
            }
        });
        return props;
    }
}
