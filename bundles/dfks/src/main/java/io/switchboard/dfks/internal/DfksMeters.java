package io.switchboard.dfks.internal;

import io.switchboard.dfks.Feature;

/**
 * Where each feature set (a phone's SUBSCRIBE with a CSTA request, the REST API, the shell, a route) and its
 * outcome go for the metrics: the binding of {@code internal.metrics} while the platform's meter registry is there,
 * else nowhere. An interface of our own so that the bundle never loads a Micrometer type.
 */
public final class DfksMeters {

    /** One set of {@code feature}: 200 when stored, else the status it was refused with (400, 403, 404, 500). */
    public interface Sink {
        void set(Feature feature, int status);
    }

    private static final Sink NONE = (feature, status) -> {};

    private static volatile Sink sink = NONE;

    private DfksMeters() {}

    /** From now on the sets go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static void set(Feature feature, int status) {
        sink.set(feature, status);
    }
}
