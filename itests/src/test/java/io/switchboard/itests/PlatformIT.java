package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.junit.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The platform CamelContext, its default route file, RoutesBuilder services and the sip component. */
public class PlatformIT extends SwitchboardTestSupport {

    @Test
    public void platformContextIsPublishedNamedSwitchboardAndStarted() throws Exception {
        assertEquals("switchboard", context.getName());
        assertEquals(ServiceStatus.Started, context.getStatus());

        Collection<ServiceReference<CamelContext>> refs =
                bundleContext.getServiceReferences(CamelContext.class, "(camel.context.name=switchboard)");
        assertEquals("exactly one CamelContext service named switchboard", 1, refs.size());
        ServiceReference<CamelContext> ref = refs.iterator().next();
        assertEquals("io.switchboard.core", ref.getBundle().getSymbolicName());
        CamelContext published = bundleContext.getService(ref);
        try {
            assertSame("the injected context is the published one", context, published);
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    @Test
    public void defaultRouteFileIsLoadedAndItsRoutesRun() throws Exception {
        RouteFileStatus sipXml = fileStatus("sip.xml")
                .orElseThrow(
                        () -> new AssertionError("sip.xml not listed by RouteFiles: " + describe(routeFiles.status())));
        assertEquals("sip.xml: " + sipXml.error(), RouteFileStatus.State.LOADED, sipXml.state());
        assertNull(sipXml.error());
        assertEquals(
                routesFolder().resolve("sip.xml").toRealPath(), sipXml.file().toRealPath());
        assertTrue(
                "route ids of sip.xml: " + sipXml.routeIds(),
                sipXml.routeIds().containsAll(List.of("sip-main", "sip-options")));
        for (String id : List.of("sip-main", "sip-options")) {
            assertEquals(id, ServiceStatus.Started, context.getRouteController().getRouteStatus(id));
        }
    }

    @Test
    public void routesBuilderServiceAddsItsRoutesAndTakesThemAway() throws Exception {
        String routeId = "itest-routes-builder";
        assertNull("left over from an earlier run", context.getRoute(routeId));
        RoutesBuilder builder = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:itest-routes-builder")
                        .routeId(routeId)
                        .setBody(simple("hello ${body} from an OSGi RoutesBuilder"));
            }
        };
        ServiceRegistration<RoutesBuilder> registration =
                bundleContext.registerService(RoutesBuilder.class, builder, null);
        boolean registered = true;
        try {
            await("route " + routeId + " added to the platform context", () -> context.getRoute(routeId) != null);
            assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus(routeId));
            ProducerTemplate template = context.createProducerTemplate();
            try {
                assertEquals(
                        "hello itest from an OSGi RoutesBuilder",
                        template.requestBody("direct:itest-routes-builder", "itest", String.class));
            } finally {
                template.stop();
            }

            registration.unregister();
            registered = false;
            await("route " + routeId + " removed after the service went away", () -> context.getRoute(routeId) == null);
            assertNull("route definition removed too", ((ModelCamelContext) context).getRouteDefinition(routeId));
        } finally {
            if (registered) {
                registration.unregister();
            }
        }
    }

    @Test
    public void sipComponentIsReachable() throws Exception {
        Route main = notNull("route sip-main", context.getRoute("sip-main"));
        String uri = main.getEndpoint().getEndpointUri();
        assertTrue("sip-main consumes from " + uri, uri.startsWith("sip:") || uri.startsWith("sip://"));
        assertTrue("sip-main listens on {{sip.port}}=" + sipPort() + ": " + uri, uri.contains(":" + sipPort()));

        Component sip = context.hasComponent("sip");
        assertNotNull("the platform context has no sip component; components: " + context.getComponentNames(), sip);
        assertEquals(
                "bundle of the sip component",
                "io.switchboard.sip",
                FrameworkUtil.getBundle(sip.getClass()).getSymbolicName());
        assertEquals(
                "bundle of sip-main's endpoint",
                "io.switchboard.sip",
                FrameworkUtil.getBundle(main.getEndpoint().getClass()).getSymbolicName());

        ServiceReference<?>[] published =
                bundleContext.getAllServiceReferences(Component.class.getName(), "(camel.name=sip)");
        if (published == null || published.length == 0) {
            fail("no org.apache.camel.Component service with camel.name=sip");
        }
        assertEquals("io.switchboard.sip", published[0].getBundle().getSymbolicName());
    }

    /**
     * Every component service is a member of the platform context without having been used, and holds its
     * {@code component-<name>} global variable, so the default routes' {@code ${variable.global:component-x}} tests
     * see every installed feature (a registry lookup would cost 10-30 us per request, an OGNL hasComponent call an
     * exchange copy).
     */
    @Test
    public void everyComponentServiceJoinsTheContext() throws Exception {
        ServiceReference<?>[] published =
                bundleContext.getAllServiceReferences(Component.class.getName(), "(camel.name=*)");
        assertNotNull("no component services", published);
        List<String> names = Arrays.stream(published)
                .map(r -> String.valueOf(r.getProperty("camel.name")))
                .toList();
        for (String name : List.of("sip", "proxy", "registrar", "location", "dfks", "sca", "ussd", "ifc")) {
            assertTrue("component service " + name + " published: " + names, names.contains(name));
        }
        await(
                "every component service in the context (" + context.getComponentNames() + " of " + names + ")",
                () -> names.stream().allMatch(n -> context.hasComponent(n) != null));
        await(
                "every component service's variable component-<name> set",
                () -> names.stream().allMatch(n -> Boolean.TRUE.equals(context.getVariable("global:component-" + n))));
        assertNull("no variable for a component that is not there", context.getVariable("global:component-nothing"));
        for (ServiceReference<?> ref : published) {
            Object service = bundleContext.getService(ref);
            try {
                assertSame(
                        "the context's " + ref.getProperty("camel.name") + " is the service",
                        service,
                        context.hasComponent(String.valueOf(ref.getProperty("camel.name"))));
            } finally {
                bundleContext.ungetService(ref);
            }
        }
    }

    /**
     * Every PID the platform reads has its keys, defaults and descriptions in the metatype that Karaf's
     * {@code config:meta} shows (generated from the bundles' settings types).
     */
    @Test
    public void configMetaShowsTheSettingsOfEveryPid() throws Exception {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("io.switchboard.store", List.of("db.url", "db.user", "db.password", "db.pool.size"));
        keys.put(
                "io.switchboard.registrar",
                List.of(
                        "realm",
                        "auth",
                        "algorithms",
                        "max_expires",
                        "min_expires",
                        "default_expires",
                        "nonce_expires"));
        keys.put("io.switchboard.dialog", List.of("events.endpoint", "bye.endpoint"));
        keys.put(
                "io.switchboard.subscription",
                List.of("min_expires", "max_expires", "default_expires", "notify.endpoint", "trusted_sources"));
        keys.put(
                "io.switchboard.sca",
                List.of(
                        "call_info_max_expires",
                        "line_seize_max_expires",
                        "purge_expired_interval",
                        "db_update_interval",
                        "hash_table_size",
                        "server_address",
                        "max_appearances",
                        "seized_ttl",
                        "active_pending_ttl"));
        keys.put(
                "io.switchboard.ussd",
                List.of(
                        "menu.route",
                        "session_timeout",
                        "route_timeout",
                        "ack_timeout",
                        "language",
                        "as.uri",
                        "max_sessions",
                        "sip.endpoint"));
        keys.put("io.switchboard.cx", List.of("home.networks", "default.scscf", "max_auth_items", "overwrite.scscf"));
        keys.put("io.switchboard.http", List.of("http.host", "http.port", "http.api.token", "http.allowed.hosts"));
        for (Map.Entry<String, List<String>> e : keys.entrySet()) {
            String out = executeCommand("config:meta " + e.getKey());
            for (String key : e.getValue()) {
                assertTrue("config:meta " + e.getKey() + " shows " + key + ":\n" + out, out.contains(key));
            }
        }
        assertTrue(executeCommand("config:meta io.switchboard.sca").contains("3600"));
    }

    /**
     * A bad value set through Config Admin is rejected: karaf.log names the PID, the key and the value, and the
     * previous valid setting stays in force (here the REST API keeps serving on its port).
     */
    @Test
    public void aBadSettingIsLoggedAndThePreviousOneKept() throws Exception {
        String port = System.getProperty(SwitchboardConfiguration.HTTP_PORT);
        Path log = Path.of(System.getProperty(SwitchboardConfiguration.EXAM_DIR), "karaf.log");
        String line =
                "io.switchboard.http: http.port = 'eighty' rejected (not a whole number in range); keeping " + port;
        configure("io.switchboard.http", "http.port", "eighty");
        try {
            await("karaf.log: " + line, () -> {
                try {
                    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(line);
                } catch (IOException e) {
                    return false;
                }
            });
            assertEquals(200, api("GET", "/api", null).statusCode());
        } finally {
            configure("io.switchboard.http", "http.port", port);
        }
    }
}
