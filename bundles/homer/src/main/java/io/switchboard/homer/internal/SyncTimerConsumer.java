package io.switchboard.homer.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code homer:timer}: one exchange at once when the sync is enabled (or its settings change), then one every
 * {@code sync.interval} seconds. It looks at the settings each second rather than scheduling at the interval, so a
 * saved {@code etc/io.switchboard.homer.cfg} applies within a second without reloading the route. One thread: a slow
 * sync delays the next, never overlaps it.
 */
final class SyncTimerConsumer extends DefaultConsumer {

    private ScheduledExecutorService scheduler;
    private long nextNanos;
    private Object settingsSeen;

    SyncTimerConsumer(HomerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public HomerEndpoint getEndpoint() {
        return (HomerEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = getEndpoint()
                .getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "homer-sync-timer");
        scheduler.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        super.doStop();
    }

    /** Never lets an exception out: the scheduler would silently stop ticking. */
    private void tick() {
        try {
            fireIfDue();
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("homer:timer failed", e);
        }
    }

    private void fireIfDue() {
        HomerSettings s = getEndpoint().getComponent().settings();
        if (!s.enabled() || s.sync_interval() <= 0 || !isRunAllowed()) {
            settingsSeen = null;
            return;
        }
        long now = System.nanoTime();
        if (s != settingsSeen) {
            settingsSeen = s;
            nextNanos = now;
        }
        if (now - nextNanos < 0) {
            return;
        }
        nextNanos = now + TimeUnit.SECONDS.toNanos(s.sync_interval());
        Exchange exchange = createExchange(false);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("homer:timer exchange failed", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
