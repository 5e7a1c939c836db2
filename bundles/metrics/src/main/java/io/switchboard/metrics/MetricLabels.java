package io.switchboard.metrics;

import java.util.Set;

/**
 * Bounded label values for every bundle's meters, so that a label never takes a value from the wire (a made-up
 * method, a Call-ID, a user) and the number of series stays fixed: a Prometheus series per distinct value lives
 * as long as the server, and a label fed by callers would let any peer grow it without bound.
 */
public final class MetricLabels {

    /** The label value of anything outside a known set. */
    public static final String OTHER = "other";

    private MetricLabels() {}

    /** {@code 1xx} ... {@code 6xx} (SIP) or {@code 5xx} (HTTP), {@code other} outside 100..699. */
    public static String statusClass(int status) {
        return status >= 100 && status <= 699 ? (status / 100) + "xx" : OTHER;
    }

    /** {@code value} when it is one of {@code allowed}, else {@code other}. */
    public static String bounded(String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : OTHER;
    }
}
