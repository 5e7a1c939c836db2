package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterMessage;

/**
 * Where every Diameter message read or written by a peer connection goes for the metrics: the binding of
 * {@code internal.metrics} while the platform's meter registry is there, else nowhere. An interface of our own so
 * that the node never loads a Micrometer type and runs without bundles/metrics.
 */
public final class DiameterMeters {

    /** One message, decoded from a peer ({@code sent} false) or about to be encoded to one. */
    public interface Sink {
        void message(DiameterMessage m, boolean sent);
    }

    private static final Sink NONE = (m, sent) -> {};

    private static volatile Sink sink = NONE;

    private DiameterMeters() {}

    /** From now on the messages go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static void received(DiameterMessage m) {
        sink.message(m, false);
    }

    static void sent(DiameterMessage m) {
        sink.message(m, true);
    }
}
