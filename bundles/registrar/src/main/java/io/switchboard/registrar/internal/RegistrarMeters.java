package io.switchboard.registrar.internal;

import io.switchboard.sip.SipHeaders;
import org.apache.camel.Exchange;

/**
 * Where the outcome of each {@code registrar:save} and {@code registrar:authenticate} goes for the metrics: the
 * binding of {@code internal.metrics} while the platform's meter registry is there, else nowhere. An interface of
 * our own so that the registrar never loads a Micrometer type and runs without bundles/metrics.
 */
public final class RegistrarMeters {

    /** {@code save} or {@code authenticate}, and the status the step answered (0: authenticate let it pass). */
    public interface Sink {
        void outcome(String step, int status);
    }

    private static final Sink NONE = (step, status) -> {};

    private static volatile Sink sink = NONE;

    private RegistrarMeters() {}

    /** From now on the outcomes go to {@code s} ({@code null}: nowhere). */
    public static void use(Sink s) {
        sink = s == null ? NONE : s;
    }

    static void record(String step, Exchange exchange) {
        Integer status = exchange.getIn().getHeader(SipHeaders.STATUS, Integer.class);
        sink.outcome(step, status == null ? 0 : status);
    }
}
