package io.switchboard.cgrates.internal;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the route decided about one call on its INVITE ({@code cgrates:call}), plus the state of its prepaid session
 * and resource usage. The fields the route set are fixed; the session fields change on the billing threads.
 */
final class BilledCall {

    final String callId;
    final String originId;
    final String account;
    final String subject;
    final String destination;
    final String requestType;
    final Map<String, String> extra;
    final long setupTime;

    /** A ResourceSv1 usage was allocated: released once, by whoever takes it first. */
    final AtomicBoolean resourceHeld = new AtomicBoolean();
    /** The call ended: no more updates, no cut. */
    volatile boolean ended;
    /** When the call ended (epoch ms), for the purge of the registry. */
    volatile long endedAt;
    /** Answer time (epoch ms) of the call; 0 before. */
    volatile long answeredAt;
    /** Usage already reported by UpdateSession (ms). */
    volatile long reportedMillis;

    volatile ScheduledFuture<?> cut;
    volatile ScheduledFuture<?> update;

    BilledCall(
            String callId,
            String originId,
            String account,
            String subject,
            String destination,
            String requestType,
            Map<String, String> extra,
            long setupTime) {
        this.callId = callId;
        this.originId = originId;
        this.account = account;
        this.subject = subject;
        this.destination = destination;
        this.requestType = requestType;
        this.extra = Map.copyOf(extra);
        this.setupTime = setupTime;
    }

    boolean prepaid() {
        return "*prepaid".equals(requestType);
    }

    /** OriginID of a call: Call-ID and from-tag (a Call-ID alone is not unique across forked or retried calls). */
    static String originId(String callId, String fromTag) {
        return fromTag == null || fromTag.isEmpty() ? callId : callId + ";" + fromTag;
    }

    /** The same call with another RequestType (fail-open turns a prepaid call into a postpaid one). */
    BilledCall withRequestType(String type) {
        return new BilledCall(callId, originId, account, subject, destination, type, extra, setupTime);
    }
}
