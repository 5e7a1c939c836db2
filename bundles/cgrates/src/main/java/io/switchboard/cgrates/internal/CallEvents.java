package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.dialog.DialogInfo;
import java.time.Instant;
import java.util.Map;

/**
 * The CGREvents of a call (reference notes §3, §4, §9): the flags and the CGREvent in one top-level object,
 * {@code {"Tenant","ID","Event":{...}}}. Times are RFC 3339 strings (a number gives PARTIALLY_EXECUTED), durations
 * integers in nanoseconds. Every event of a call carries the same OriginID and OriginHost, and the route's extra
 * fields, because CGRateS builds the CDR of a session from its InitiateSession event.
 */
final class CallEvents {

    static final long NANOS_PER_MILLI = 1_000_000L;

    private final String tenant;
    private final String originHost;

    CallEvents(String tenant, String originHost) {
        this.tenant = tenant;
        this.originHost = originHost;
    }

    String originHost() {
        return originHost;
    }

    /** {@code {"Tenant","ID"}} plus {@code Event} with the call's fields; {@code kind} makes the ID unique. */
    ObjectNode args(BilledCall c, String kind) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("Tenant", tenant);
        a.put("ID", c.originId + ":" + kind);
        ObjectNode e = a.putObject("Event");
        e.put("ToR", "*voice");
        e.put("OriginID", c.originId);
        e.put("OriginHost", originHost);
        e.put("Source", "Switchboard");
        e.put("RequestType", c.requestType);
        e.put("Tenant", tenant);
        e.put("Category", "call");
        e.put("Account", c.account);
        e.put("Subject", c.subject);
        e.put("Destination", c.destination);
        e.put("SetupTime", time(c.setupTime));
        for (Map.Entry<String, String> x : c.extra.entrySet()) {
            if (!e.has(x.getKey())) { // an extra field never overrides a field of the call
                e.put(x.getKey(), x.getValue());
            }
        }
        return a;
    }

    /** The Event of {@code args}. */
    static ObjectNode event(ObjectNode args) {
        return (ObjectNode) args.get("Event");
    }

    /** The CDR of an ended call: answer, usage (ns), disconnect cause, post-dial delay. */
    ObjectNode cdr(BilledCall c, DialogInfo d) {
        ObjectNode a = args(c, "cdr");
        ObjectNode e = event(a);
        e.put("SetupTime", time(d.createdAt()));
        if (d.answeredAt() != 0) {
            e.put("AnswerTime", time(d.answeredAt()));
        }
        e.put("Usage", usageNanos(d));
        e.put("DisconnectCause", d.endReason() == null ? "" : d.endReason());
        e.put("DisconnectedBy", d.endedBy() == null ? "" : d.endedBy());
        if (d.pddMillis() >= 0) {
            e.put("PDD", d.pddMillis() * NANOS_PER_MILLI);
        }
        return a;
    }

    /** Talk time in nanoseconds (0 for an unanswered call). */
    static long usageNanos(DialogInfo d) {
        return d.answeredAt() == 0 ? 0 : Math.max(0, d.endedAt() - d.answeredAt()) * NANOS_PER_MILLI;
    }

    static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A call the route never described (answered before a restart): the defaults of the notes. */
    static BilledCall fallback(DialogInfo d, String requestType) {
        return new BilledCall(
                d.callId(),
                BilledCall.originId(d.callId(), d.fromTag()),
                userOf(d.fromUri()),
                userOf(d.fromUri()),
                userOf(d.toUri()),
                requestType,
                Map.of(),
                d.createdAt());
    }

    /** The user part of a SIP URI ({@code sip:1001@host;x} → 1001), or the URI when it has none. */
    static String userOf(String uri) {
        if (uri == null) {
            return "";
        }
        String s = uri;
        int lt = s.indexOf('<');
        if (lt >= 0) {
            s = s.substring(lt + 1, s.indexOf('>', lt) < 0 ? s.length() : s.indexOf('>', lt));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.substring(0, colon).matches("sips?|tel")) {
            s = s.substring(colon + 1);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int semi = s.indexOf(';');
        return semi >= 0 ? s.substring(0, semi) : s;
    }
}
