package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent-call limits through ResourceSv1 (reference notes §6, §9): one usage (UsageID = OriginID, Units 1, a
 * UsageTTL in nanoseconds as a safety net) allocated on the INVITE and released exactly once when the call ends for
 * any reason (BYE, CANCEL, failure, refusal by billing). AllocateResources alone is called on the INVITE: it checks
 * and takes in one step, where AuthorizeResources then AllocateResources would cost two round trips and still race.
 */
final class CallLimits {

    private static final Logger LOG = LoggerFactory.getLogger(CallLimits.class);

    private final CgratesClient client;
    private final CallEvents events;
    private final long ttlNanos;
    private final int overLimitStatus;
    private final boolean failOpen;

    CallLimits(CgratesClient client, CallEvents events, long ttlNanos, int overLimitStatus, boolean failOpen) {
        this.client = client;
        this.events = events;
        this.ttlNanos = ttlNanos;
        this.overLimitStatus = overLimitStatus;
        this.failOpen = failOpen;
    }

    /** Takes one usage for the call; a refusal when over the limit (or unreachable and fail-closed). */
    Refusal allocate(BilledCall call) {
        try {
            client.call("ResourceSv1.AllocateResources", args(call, "alloc"));
            call.resourceHeld.set(true);
            return null;
        } catch (CgratesException e) {
            if (e.unreachable()) {
                return failOpen ? null : new Refusal(503, e.getMessage());
            }
            if (e.is("RESOURCE_UNAVAILABLE") || e.is("RESOURCE_UNAUTHORIZED")) {
                return new Refusal(overLimitStatus, e.getMessage());
            }
            if (e.is("NOT_FOUND")) {
                return null; // no resource profile matches this caller: no limit
            }
            return new Refusal(403, e.getMessage());
        }
    }

    /** Releases the call's usage if it holds one; only the first caller releases. */
    void release(BilledCall call) {
        if (!call.resourceHeld.compareAndSet(true, false)) {
            return;
        }
        try {
            client.call("ResourceSv1.ReleaseResources", args(call, "release"));
        } catch (CgratesException e) {
            LOG.warn(
                    "ReleaseResources of {} failed (the usage expires after its TTL): {}",
                    call.originId,
                    e.getMessage());
        }
    }

    private ObjectNode args(BilledCall call, String kind) {
        ObjectNode a = events.args(call, kind);
        a.put("UsageID", call.originId);
        a.put("UsageTTL", ttlNanos);
        a.put("Units", 1);
        return a;
    }
}
