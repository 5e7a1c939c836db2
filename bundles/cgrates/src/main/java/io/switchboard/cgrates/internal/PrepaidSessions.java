package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live part of a prepaid call: {@code InitiateSession} on answer, {@code UpdateSession} every debit interval
 * (Usage = the interval just used), and the cut: when CGRateS grants less than the next interval the call is ended
 * (BYE to both sides) at the end of what it granted, to the millisecond of the scheduler. Why the switch asks for one
 * interval at a time: with CGRateS's own debit_interval InitiateSession answers 3 h whatever the credit (notes §9);
 * asking for the interval makes each reply the real limit. The TerminateSession goes through the outbox (with the
 * CDR, in order), so a crash neither loses nor repeats it.
 */
final class PrepaidSessions {

    private static final Logger LOG = LoggerFactory.getLogger(PrepaidSessions.class);

    private final CgratesClient client;
    private final CallEvents events;
    private final ScheduledExecutorService scheduler;
    private final Predicate<String> ender;
    private final long intervalMillis;
    private final long maxUsageMillis;
    private final boolean failOpen;
    private final LongSupplier clock;

    /**
     * @param ender ends a call by Call-ID (BYE both sides); false when it is no longer live
     */
    PrepaidSessions(
            CgratesClient client,
            CallEvents events,
            ScheduledExecutorService scheduler,
            Predicate<String> ender,
            long intervalMillis,
            long maxUsageMillis,
            boolean failOpen,
            LongSupplier clock) {
        this.client = client;
        this.events = events;
        this.scheduler = scheduler;
        this.ender = ender;
        this.intervalMillis = intervalMillis;
        this.maxUsageMillis = maxUsageMillis;
        this.failOpen = failOpen;
        this.clock = clock;
    }

    /** The call was answered: initiate the session (on the scheduler, off the SIP thread). */
    void answered(BilledCall call) {
        scheduler.execute(() -> initiate(call));
    }

    private void initiate(BilledCall call) {
        if (call.ended) {
            return;
        }
        long ask = intervalMillis > 0 ? Math.min(intervalMillis, maxUsageMillis) : maxUsageMillis;
        ObjectNode args = events.args(call, "init");
        args.put("InitSession", true);
        ObjectNode e = CallEvents.event(args);
        e.put("AnswerTime", CallEvents.time(call.answeredAt));
        e.put("Usage", ask * CallEvents.NANOS_PER_MILLI);
        granted(call, "InitiateSession", args, call.answeredAt, ask);
    }

    private void update(BilledCall call) {
        if (call.ended) {
            return;
        }
        long now = clock.getAsLong();
        long used = now - call.answeredAt - call.reportedMillis;
        ObjectNode args = events.args(call, "update-" + (now - call.answeredAt));
        args.put("UpdateSession", true);
        ObjectNode e = CallEvents.event(args);
        e.put("AnswerTime", CallEvents.time(call.answeredAt));
        e.put("Usage", Math.max(used, 0) * CallEvents.NANOS_PER_MILLI);
        call.reportedMillis += Math.max(used, 0);
        granted(call, "UpdateSession", args, now, intervalMillis);
    }

    /** Sends an Initiate/Update and schedules what its MaxUsage allows from {@code from}. */
    private void granted(BilledCall call, String method, ObjectNode args, long from, long asked) {
        long grantedMillis;
        try {
            JsonNode reply = client.call("SessionSv1." + method, args);
            grantedMillis = reply.path("MaxUsage").asLong(0) / CallEvents.NANOS_PER_MILLI;
        } catch (CgratesException x) {
            if (x.unreachable() && failOpen) {
                LOG.warn("{} of {}: CGRateS unreachable, the call goes on unsupervised", method, call.originId);
                return;
            }
            LOG.info("{} of {} refused ({}): ending the call", method, call.originId, x.getMessage());
            cut(call);
            return;
        }
        long end = from + grantedMillis;
        if (grantedMillis <= 0) {
            cut(call);
        } else if (grantedMillis < asked || intervalMillis <= 0) {
            schedule(call, end, true);
        } else {
            schedule(call, end, false);
        }
    }

    private void schedule(BilledCall call, long at, boolean isCut) {
        long delay = Math.max(0, at - clock.getAsLong());
        ScheduledFuture<?> f = scheduler.schedule(
                () -> {
                    if (isCut) {
                        cut(call);
                    } else {
                        update(call);
                    }
                },
                delay,
                TimeUnit.MILLISECONDS);
        if (isCut) {
            call.cut = f;
        } else {
            call.update = f;
        }
        if (call.ended) {
            f.cancel(false); // ended while we scheduled
        }
    }

    /** Ends the call now (BYE both sides). */
    void cut(BilledCall call) {
        if (!call.ended && ender.test(call.callId)) {
            CgratesMeters.sink().prepaidCut();
            LOG.info("prepaid call {} ended: credit used up", call.originId);
        }
    }

    /** The call ended: no more updates or cut. */
    void ended(BilledCall call) {
        ScheduledFuture<?> c = call.cut;
        ScheduledFuture<?> u = call.update;
        if (c != null) {
            c.cancel(false);
        }
        if (u != null) {
            u.cancel(false);
        }
    }

    /** The TerminateSession of an ended call (sent through the outbox): the total usage. */
    ObjectNode terminate(BilledCall call, long usageNanos, String cause) {
        ObjectNode args = events.args(call, "terminate");
        args.put("TerminateSession", true);
        ObjectNode e = CallEvents.event(args);
        if (call.answeredAt != 0) {
            e.put("AnswerTime", CallEvents.time(call.answeredAt));
        }
        e.put("Usage", usageNanos);
        e.put("DisconnectCause", cause == null ? "" : cause);
        return args;
    }
}
