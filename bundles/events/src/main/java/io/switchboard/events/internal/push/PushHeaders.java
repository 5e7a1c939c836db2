package io.switchboard.events.internal.push;

/** Headers push:notify sets for the push route (routes/push.xml) and push:woken reads. */
final class PushHeaders {

    /** The callee's AoR ({@code user@host} of the To URI): the key of the REGISTER wait. */
    static final String AOR = "PushAor";

    /** A regular expression matching the {@code pn-prid} of each device pushed (for {@code pn-prid~=}). */
    static final String DEVICES = "PushDevices";

    /** Pushes the gateway accepted for this call (0: none; the call goes on without waiting). */
    static final String SENT = "PushSent";

    /** Pushes that failed for this call (logged and counted). */
    static final String FAILED = "PushFailed";

    /** The contacts that are not push-capable: the branches of the call besides the woken device. */
    static final String OTHER_TARGETS = "PushOtherTargets";

    /** push:woken: true when the event is a pushed device that registered (its contact is in SipTargets). */
    static final String WOKEN = "PushWoken";

    /** The proxy's targets (the location service's SipTargets). */
    static final String TARGETS = "SipTargets";

    private PushHeaders() {}
}
