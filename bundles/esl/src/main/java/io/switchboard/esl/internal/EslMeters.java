package io.switchboard.esl.internal;

/**
 * Where the Event Socket's countable moments go for the metrics: the binding of {@code internal.metrics} while the
 * platform's meter registry is there, else nowhere. An interface of our own so that the bundle never loads a
 * Micrometer type and runs without bundles/metrics.
 */
public final class EslMeters {

    /** Command outcome: {@code +OK} (or api output). */
    public static final String OK = "ok";
    /** Command outcome: FreeSWITCH answered {@code -ERR}. */
    public static final String ERROR = "error";
    /** Command outcome: no reply in time, or no connection. */
    public static final String FAILED = "failed";

    /** What the bundle reports. */
    public interface Sink {
        /** An event read from FreeSWITCH, on an inbound connection or an outbound call's socket. */
        void event(String name, boolean outbound);

        /** An {@code api} or {@code bgapi} command and its reply ({@link #OK}, {@link #ERROR}, {@link #FAILED}). */
        void command(String kind, String outcome);
    }

    private static final Sink NONE = new Sink() {
        @Override
        public void event(String name, boolean outbound) {}

        @Override
        public void command(String kind, String outcome) {}
    };

    private static volatile Sink sink = NONE;

    private EslMeters() {}

    /** From now on the counts go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static Sink sink() {
        return sink;
    }
}
