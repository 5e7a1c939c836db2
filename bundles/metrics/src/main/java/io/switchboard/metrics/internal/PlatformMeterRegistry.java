package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Creates the platform's one meter registry (Micrometer's Prometheus registry) with the JVM's meters and
 * publishes it as an OSGi {@link MeterRegistry} service, the API every bundle registers its meters with. It is
 * registered by hand rather than as this component's service so that the JVM binders are in place before any
 * bundle sees it, and so that it is the same object for its whole life (a GC binder holds listeners on it).
 */
@Component(
        immediate = true,
        service = {})
public class PlatformMeterRegistry {

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext bundle) {
        registry = create();
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("switchboard.registry", "prometheus");
        registration = bundle.registerService(
                new String[] {MeterRegistry.class.getName(), PrometheusMeterRegistry.class.getName()}, registry, props);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        gc.close();
        registry.close();
    }

    /** A Prometheus registry with the JVM meters (heap and non-heap, GC pauses, threads, classes, CPU, uptime). */
    static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        r.config().meterFilter(new PrometheusConventions());
        new JvmMemoryMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        return r;
    }
}
