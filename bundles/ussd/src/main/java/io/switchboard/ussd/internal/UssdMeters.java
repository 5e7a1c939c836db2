package io.switchboard.ussd.internal;

/**
 * Where each USSD session's outcome goes for the metrics, once per session: the binding of {@code internal.metrics}
 * while the platform's meter registry is there, else nowhere. An interface of our own so that the bundle never
 * loads a Micrometer type and runs without bundles/metrics.
 */
public final class UssdMeters {

    /** The route ended the session (its last text in the BYE), or the UE acknowledged a notification. */
    public static final String COMPLETED = "completed";
    /** We ended it with an error-code: bad ussd-data, a failing or slow route, an error-code of the route. */
    public static final String ERROR = "error";
    /** No ACK within ack_timeout, or no user answer within session_timeout. */
    public static final String TIMEOUT = "timeout";
    /** The UE hung up (BYE) before the route ended the session. */
    public static final String BYE = "bye";
    /** The UE answered our INFO with an error. */
    public static final String REFUSED = "refused";
    /** The UE's INFO carried an error-code and no text. */
    public static final String UE_ERROR = "ue_error";
    /** A CANCEL ended the UE's INVITE before our 200. */
    public static final String CANCELLED = "cancelled";
    /** Never set up: our INVITE refused or not sent, an INFO that could not be sent. */
    public static final String FAILED = "failed";
    /** Ended because the bundle stopped. */
    public static final String SHUTDOWN = "shutdown";

    /** Every outcome, for the binding to register at the start. */
    public static final String[] OUTCOMES = {
        COMPLETED, ERROR, TIMEOUT, BYE, REFUSED, UE_ERROR, CANCELLED, FAILED, SHUTDOWN
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
