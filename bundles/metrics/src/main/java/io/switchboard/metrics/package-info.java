/**
 * The platform's metrics API. Every bundle registers its meters with the one Micrometer {@code MeterRegistry}
 * OSGi service this bundle publishes (Micrometer's own API, exported by this bundle), under the names and with
 * the bounded label values of {@link io.switchboard.metrics.MetricLabels}; {@code /metrics} and
 * {@code switchboard:stats} show them all.
 */
package io.switchboard.metrics;
