package io.switchboard.cgrates.internal;

/**
 * Where billing's countable moments go for the metrics: the binding of {@code internal.metrics} while the
 * platform's meter registry is there, else nowhere. An interface of our own so that the bundle never loads a
 * Micrometer type and runs without bundles/metrics.
 */
public final class CgratesMeters {

    /** Request outcome: CGRateS answered a result. */
    public static final String OK = "ok";
    /** Request outcome: CGRateS answered an error. */
    public static final String ERROR = "error";
    /** Request outcome: no engine answered. */
    public static final String UNREACHABLE = "unreachable";

    /** What the bundle reports. */
    public interface Sink {
        /** A JSON-RPC request to CGRateS and how it ended ({@link #OK}, {@link #ERROR}, {@link #UNREACHABLE}). */
        void request(String method, String outcome);

        /** An outbox row's attempt: {@code delivered}, {@code failed}, and {@code retried} for a repeated one. */
        void outbox(String outcome);

        /** A prepaid call ended because its credit was used up. */
        void prepaidCut();

        /** The outbox's rows waiting ({@code pending}) and given up ({@code failed}), as last counted. */
        void backlog(int pending, int failed);
    }

    private static final Sink NONE = new Sink() {
        @Override
        public void request(String method, String outcome) {}

        @Override
        public void outbox(String outcome) {}

        @Override
        public void prepaidCut() {}

        @Override
        public void backlog(int pending, int failed) {}
    };

    private static volatile Sink sink = NONE;

    private CgratesMeters() {}

    /** From now on the counts go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static Sink sink() {
        return sink;
    }
}
