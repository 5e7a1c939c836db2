package io.switchboard.sip.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the connectors of a component route the requests they receive, or answer them {@code 503} with
 * {@code Retry-After} because the platform is still starting ({@code docs/decisions.md} §32). A connector opens once
 * during boot and asks this gate for every request (one volatile read); the gate opens once, when the core says the
 * platform is ready, and never closes again: a feature installed or restarted later is the business of its own
 * component ({@link io.switchboard.sip.SipAnswers#restarting}), not a reason to refuse every call.
 * <p>
 * A gate made {@link #open()} serves at once: a component created outside OSGi (tests, an embedded context) has no
 * core to wait for.
 */
final class ServingGate {

    private static final Logger LOG = LoggerFactory.getLogger(ServingGate.class);

    /** What a request gets while the gate is closed: come back after this many seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    static final String WARNING = "platform starting";

    private volatile boolean serving;
    private final AtomicBoolean announced = new AtomicBoolean();

    private ServingGate(boolean serving) {
        this.serving = serving;
    }

    /** A gate that serves from the start. */
    static ServingGate open() {
        return new ServingGate(true);
    }

    /** A gate that answers 503 until {@link #ready()}. */
    static ServingGate closed() {
        return new ServingGate(false);
    }

    /** True when requests are routed (the hot path: one volatile read). */
    boolean serving() {
        return serving;
    }

    /** The platform is ready: route from now on; logs the one INFO line of it, with the time since the JVM started. */
    void ready() {
        serving = true;
        if (announced.compareAndSet(false, true)) {
            long sinceStart = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("SIP serving: the platform is ready {} ms after the start of the JVM", sinceStart);
        }
    }
}
