package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;

/**
 * Where the dialog events go for the metrics (calls started, answered, ended, post-dial delay, duration): the
 * binding of {@code internal.metrics} while the platform's meter registry is there, else nowhere. An interface of
 * our own so that the tracker never loads a Micrometer type and the bundle runs without bundles/metrics.
 */
public final class CallMeters {

    /** Receives every dialog event: {@code created}, {@code ringing}, {@code answered}, {@code ended}. */
    public interface Sink {
        void event(String type, DialogInfo dialog);
    }

    private static final Sink NONE = (type, dialog) -> {};

    private static volatile Sink sink = NONE;

    private CallMeters() {}

    /** From now on the events go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static void record(DialogTracker.Event event) {
        sink.event(event.type(), event.dialog());
    }
}
