package io.switchboard.metrics.internal.rest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.http.RestRoutes;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestBindingMode;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /metrics}: the Prometheus text exposition format 0.0.4 of every meter, on the platform's HTTP
 * server, so it shares that server's protection (loopback only, or the bearer token: Prometheus sends it with
 * {@code authorization: {credentials: ...}} in its scrape config). Served by the http bundle when installed.
 */
@Component(service = RestRoutes.class)
public class MetricsRestRoutes extends RestRoutes {

    /** The content type Prometheus expects of the text format. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Reference
    PrometheusMeterRegistry registry;

    @Override
    public void configure() {
        rest("/metrics")
                .description("Prometheus metrics")
                .get()
                .description("Every meter of the platform in the Prometheus text format")
                .bindingMode(RestBindingMode.off)
                .produces(TEXT_FORMAT)
                .to("direct:switchboard-metrics");
        from("direct:switchboard-metrics").routeId("switchboard-metrics").process(this::scrape);
    }

    void scrape(Exchange e) {
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, TEXT_FORMAT);
        e.getMessage().setBody(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
