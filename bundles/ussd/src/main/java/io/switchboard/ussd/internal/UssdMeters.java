package io.switchboard.ussd.internal;

/**
 * Where each USSD session's outcome goes for the metrics, once per session: the binding of {@code internal.metrics}
 * while the platform's meter registry is there, else nowhere. An interface of our own so that the bundle never
 * loads a Micrometer type and runs without bundles/metrics.
 */
public final class UssdMeters {

    /** Every outcome ({@link SessionEvents}' values, the same as the USSD_END event's), registered at the start. */
    public static final String[] OUTCOMES = {
        SessionEvents.COMPLETED,
        SessionEvents.ERROR,
        SessionEvents.TIMEOUT,
        SessionEvents.BYE,
        SessionEvents.REFUSED,
        SessionEvents.REJECTED,
        SessionEvents.UE_ERROR,
        SessionEvents.CANCELLED,
        SessionEvents.FAILED,
        SessionEvents.SHUTDOWN
    };

    /** One session ended with {@code outcome}; {@code ueInitiated} false for a network-initiated one. */
    public interface Sink {
        void ended(boolean ueInitiated, String outcome);
    }

    private static final Sink NONE = (ueInitiated, outcome) -> {};

    private static volatile Sink sink = NONE;

    private UssdMeters() {}

    /** From now on the outcomes go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    /** Counts the session's end unless an earlier path counted it. */
    static void ended(UssdSession s, String outcome) {
        if (s.counted.compareAndSet(false, true)) {
            sink.ended(s.origin.mobile(), outcome);
        }
    }
}
