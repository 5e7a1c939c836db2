package io.switchboard.http.internal;

import java.util.function.IntConsumer;

/**
 * Where the API's response statuses go for the metrics: the binding of {@code internal.metrics} while the
 * platform's meter registry is there, else nowhere. An interface of our own so that the server never loads a
 * Micrometer type and runs without bundles/metrics.
 */
public final class HttpMeters {

    private static final IntConsumer NONE = status -> {};

    private static volatile IntConsumer sink = NONE;

    private HttpMeters() {}

    /** From now on every response status goes to {@code s} ({@code null}: nowhere). */
    public static void use(IntConsumer s) {
        sink = s == null ? NONE : s;
    }

    static void response(int status) {
        sink.accept(status);
    }
}
