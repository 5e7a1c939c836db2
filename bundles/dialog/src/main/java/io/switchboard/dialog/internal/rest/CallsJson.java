package io.switchboard.dialog.internal.rest;

import io.switchboard.dialog.DialogInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape (a map, written by the REST binding) of a call. Times ISO-8601 UTC, null when not reached. */
final class CallsJson {

    private CallsJson() {}

    static Map<String, Object> call(DialogInfo d, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", d.callId());
        m.put("from", d.fromUri());
        m.put("to", d.toUri());
        m.put("state", d.state().name());
        m.put("createdAt", iso(d.createdAt()));
        m.put("ringingAt", iso(d.ringingAt()));
        m.put("answeredAt", iso(d.answeredAt()));
        m.put("pddMillis", d.pddMillis() < 0 ? null : d.pddMillis());
        long durationMillis = d.durationMillis(d.endedAt() != 0 ? d.endedAt() : now);
        m.put("durationSeconds", durationMillis / 1000);
        m.put("durationMillis", durationMillis);
        if (d.endedAt() != 0) {
            m.put("endedAt", iso(d.endedAt()));
            m.put("endReason", d.endReason());
            m.put("endedBy", d.endedBy());
        }
        m.put("fromTag", d.fromTag());
        m.put("toTag", d.toTag());
        m.put("profiles", d.profiles() == null ? List.of() : List.copyOf(d.profiles()));
        return m;
    }

    static String iso(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
