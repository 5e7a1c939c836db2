package io.switchboard.sip.internal;

/** Switches the SIP counters of every connector to a sink (the metrics binding lives in another package). */
public final class SipTrafficMeters {

    private SipTrafficMeters() {}

    /** From now on every connector counts into {@code sink}. */
    public static void use(MeterSink sink) {
        SipTraffic.sink = sink;
    }
}
