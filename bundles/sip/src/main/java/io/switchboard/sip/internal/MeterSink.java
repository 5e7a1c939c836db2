package io.switchboard.sip.internal;

import java.util.function.Supplier;

/**
 * Where the SIP counters go: the platform's meter registry when the metrics bundle is installed (set by
 * {@code metrics.SipMeterBinding}), else nowhere. An interface of our own, so that the classes on the SIP path
 * never load a Micrometer type and the bundle runs without the metrics bundle.
 */
public interface MeterSink {

    /** Counts nothing. */
    MeterSink NONE = new MeterSink() {
        @Override
        public Runnable counter(String name, String help, String... tags) {
            return () -> {};
        }

        @Override
        public AutoCloseable gauge(String name, String help, Supplier<Number> value, String... tags) {
            return () -> {};
        }
    };

    /** A counter (tags as name, value pairs); running the result adds one. */
    Runnable counter(String name, String help, String... tags);

    /** A gauge read at each scrape; closing the result removes it. */
    AutoCloseable gauge(String name, String help, Supplier<Number> value, String... tags);
}
