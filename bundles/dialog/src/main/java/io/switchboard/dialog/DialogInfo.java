package io.switchboard.dialog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of one INVITE dialog relayed by the proxy. Times are epoch milliseconds, 0 when not reached.
 *
 * @param callId        Call-ID
 * @param fromUri       caller (From URI)
 * @param fromTag       caller's tag
 * @param toUri         callee (To URI)
 * @param toTag         callee's tag (of the answer), null before
 * @param state         current state
 * @param createdAt     INVITE relayed
 * @param ringingAt     first 180/183
 * @param answeredAt    2xx
 * @param endedAt       end
 * @param endReason     BYE, CANCEL, "failure NNN", timeout or admin; null while live
 * @param endedBy       caller, callee or operator; null while live
 * @param callerContact Contact of the caller's INVITE
 * @param calleeContact Contact of the callee's 2xx
 * @param callerCSeq    highest CSeq seen from the caller
 * @param calleeCSeq    highest CSeq seen from the callee (0: none)
 * @param recordRoute   the Record-Route values of the 2xx, in message order
 * @param profiles      the dialog profiles the dialog belongs to
 */
public record DialogInfo(
        String callId,
        String fromUri,
        String fromTag,
        String toUri,
        String toTag,
        DialogState state,
        long createdAt,
        long ringingAt,
        long answeredAt,
        long endedAt,
        String endReason,
        String endedBy,
        String callerContact,
        String calleeContact,
        long callerCSeq,
        long calleeCSeq,
        List<String> recordRoute,
        Set<String> profiles) {

    /** Post-dial delay: INVITE to first ringing (ms), -1 when it never rang. */
    public long pddMillis() {
        return ringingAt == 0 ? -1 : ringingAt - createdAt;
    }

    /** Talk time (ms): answer to end, or to {@code now} while answered; 0 when never answered. */
    public long durationMillis(long now) {
        if (answeredAt == 0) {
            return 0;
        }
        return (endedAt != 0 ? endedAt : now) - answeredAt;
    }

    /** Every field by name (the body of a dialog event). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", callId);
        m.put("fromUri", fromUri);
        m.put("fromTag", fromTag);
        m.put("toUri", toUri);
        m.put("toTag", toTag);
        m.put("state", state.name());
        m.put("createdAt", createdAt);
        m.put("ringingAt", ringingAt);
        m.put("answeredAt", answeredAt);
        m.put("endedAt", endedAt);
        m.put("pddMillis", pddMillis());
        m.put("durationMillis", durationMillis(endedAt != 0 ? endedAt : System.currentTimeMillis()));
        m.put("endReason", endReason);
        m.put("endedBy", endedBy);
        m.put("callerContact", callerContact);
        m.put("calleeContact", calleeContact);
        m.put("profiles", String.join(",", profiles));
        return m;
    }
}
