package io.switchboard.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's scrape is valid Prometheus text ({@code promtool check metrics}, Debian's prometheus package),
 * with the JVM meters, Camel's per-route meters and a route's own {@code micrometer:} counter in it.
 */
class ScrapeFormatTest {

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheScrapeWithJvmRouteAndEndpointMeters() throws Exception {
        PrometheusMeterRegistry registry = PlatformMeterRegistry.create();
        Counter.builder("switchboard.sip.requests.received")
                .tags("listener", "0.0.0.0:5060", "transport", "udp", "method", "INVITE")
                .register(registry)
                .increment();
        Timer.builder("switchboard.dialog.pdd")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(120));
        try (CamelContext context = new DefaultCamelContext()) {
            PlatformMicrometerComponent micrometer = new PlatformMicrometerComponent();
            micrometer.registry = registry;
            micrometer.activate();
            context.addComponent("micrometer", micrometer);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("calls").to("micrometer:counter:switchboard.route.calls.routed");
                    from("direct:fail").routeId("failing").throwException(new IllegalStateException("no"));
                }
            });
            context.start();
            CamelRouteMeters routes = new CamelRouteMeters();
            routes.context = context;
            routes.registry = registry;
            routes.activate();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:in", "x");
            template.sendBody("direct:in", "y");
            template.send("direct:fail", e -> {});
            String text = registry.scrape();
            assertTrue(text.contains("switchboard_camel_route_exchanges_total{route=\"calls\"} 2.0"), text);
            assertTrue(text.contains("switchboard_camel_route_failures_total{route=\"failing\"} 1.0"), text);
            assertTrue(text.contains("switchboard_route_calls_routed_total{camel_context=\"camel-1\"} 2.0"), text);
            assertTrue(text.contains("jvm_memory_used_bytes{"), text);
            assertTrue(text.contains("jvm_threads_live_threads"), text);
            assertTrue(text.contains("switchboard_sip_requests_received_total{listener=\"0.0.0.0:5060\","), text);
            assertTrue(text.contains("switchboard_dialog_pdd_seconds_bucket{"), text);
            assertPromtoolAccepts(text);

            context.getRouteController().stopRoute("failing");
            context.removeRoute("failing");
            assertTrue(!registry.scrape().contains("route=\"failing\""), "a removed route loses its series");
            routes.deactivate();
        }
    }

    private void assertPromtoolAccepts(String text) throws IOException, InterruptedException {
        Path file = dir.resolve("scrape.prom");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(System.getProperty("promtool", "promtool"), "check", "metrics")
                .redirectInput(file.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool check metrics:\n" + out);
    }
}
