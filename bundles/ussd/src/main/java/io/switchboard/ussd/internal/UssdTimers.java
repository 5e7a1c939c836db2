package io.switchboard.ussd.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single timer of each session (the wait for the ACK of our 200, then for the user's next answer) on the shared
 * scheduler. One timer per session, re-armed at each step, so that a session never has two expiries pending.
 */
final class UssdTimers {

    private static final Logger LOG = LoggerFactory.getLogger(UssdTimers.class);

    private final ScheduledExecutorService scheduler;

    UssdTimers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** (Re)arms the session's timer: {@code expired} runs after {@code millis}. Caller holds the monitor. */
    void arm(UssdSession s, long millis, Consumer<UssdSession> expired) {
        s.cancelTimer();
        try {
            s.timer = scheduler.schedule(() -> expired.accept(s), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("USSD timer stopped", e);
        }
    }
}
