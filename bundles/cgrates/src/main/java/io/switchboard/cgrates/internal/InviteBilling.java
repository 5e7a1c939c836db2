package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;

/**
 * The authorization of a prepaid INVITE: {@code SessionSv1.AuthorizeEvent} with GetMaxUsage and the Usage asked for
 * (the local longest call). No credit (an INSUFFICIENT_CREDIT or MAX_USAGE_EXCEEDED error, or MaxUsage 0) gives the
 * credit status (402); another error CGRateS answers (ACCOUNT_NOT_FOUND, UNAUTHORIZED_DESTINATION, ...) gives 403;
 * CGRateS unreachable or not operational gives the fail policy: open (the call goes on, billed postpaid) or 503.
 */
final class InviteBilling {

    /** The outcome: the MaxUsage granted (ns), or a refusal, or fail-open. */
    record Outcome(long maxUsageNanos, Refusal refusal, boolean failedOpen) {}

    private final CgratesClient client;
    private final CallEvents events;
    private final long maxUsageNanos;
    private final int creditStatus;
    private final boolean failOpen;

    InviteBilling(CgratesClient client, CallEvents events, long maxUsageNanos, int creditStatus, boolean failOpen) {
        this.client = client;
        this.events = events;
        this.maxUsageNanos = maxUsageNanos;
        this.creditStatus = creditStatus;
        this.failOpen = failOpen;
    }

    Outcome authorize(BilledCall call) {
        ObjectNode args = events.args(call, "auth");
        args.put("GetMaxUsage", true);
        CallEvents.event(args).put("Usage", maxUsageNanos);
        try {
            JsonNode reply = client.call("SessionSv1.AuthorizeEvent", args);
            long max = reply.path("MaxUsage").asLong(0);
            if (max <= 0) {
                return new Outcome(0, new Refusal(creditStatus, "INSUFFICIENT_CREDIT (MaxUsage 0)"), false);
            }
            return new Outcome(max, null, false);
        } catch (CgratesException e) {
            if (e.unreachable() || e.is("SERVER_ERROR") || e.is("NOT_CONNECTED") || e.is("SERVICE_NOT_OPERATIONAL")) {
                return failOpen ? new Outcome(0, null, true) : new Outcome(0, new Refusal(503, e.getMessage()), false);
            }
            if (e.is("INSUFFICIENT_CREDIT") || e.is("MAX_USAGE_EXCEEDED")) {
                return new Outcome(0, new Refusal(creditStatus, e.getMessage()), false);
            }
            return new Outcome(0, new Refusal(403, e.getMessage()), false);
        }
    }
}
