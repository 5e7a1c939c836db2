package io.switchboard.pickup.internal;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.pickup.PickupGroups;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipBranchResult;
import io.switchboard.sip.SipProxyCalls;
import io.switchboard.sip.SipRelayHandle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One pickup decision, without SIP or Camel types so that it is tested alone. {@code PREFIX<ext>} (directed) takes
 * the call ringing at {@code ext@host}, allowed to the callee's own devices and the members of a group the callee is
 * in (403 otherwise; 404 when nothing rings there); {@code PREFIX} alone (group) takes the oldest call ringing at the
 * picker or a member of one of its groups (480 when none). The call is taken within the caller's INVITE transaction:
 * the picker's contact becomes a new branch of the caller's running relay ({@link SipRelayHandle#addBranch}, with the
 * auto-answer {@code Call-Info}) and the ringing branches are CANCELled in the same step; a call answered or ended
 * meanwhile is skipped for the next one. The picker's own INVITE is then answered {@link #PICKED} (see the guide).
 */
final class CallPickup {

    /** The answer to the picker's own INVITE once the branch is sent: its job is done by the new incoming call. */
    static final int PICKED = 487;

    static final String PICKED_REASON = "Picked Up";

    /** What a pickup did: the answer to the picker's INVITE and, when a call was taken, which. */
    record Outcome(int status, String reason, String kind, String callId, String callee) {

        static Outcome refused(int status, String reason, String kind) {
            return new Outcome(status, reason, kind, null, null);
        }
    }

    private final PickupGroups groups;
    private final Supplier<List<DialogInfo>> live;
    private final SipProxyCalls calls;

    CallPickup(PickupGroups groups, Supplier<List<DialogInfo>> live, SipProxyCalls calls) {
        this.groups = groups;
        this.live = live;
        this.calls = calls;
    }

    /**
     * @param dialled the user part of the picker's Request-URI
     * @param host    its host (the domain of a directed pickup's callee, and of the Call-Info)
     * @param picker  the picker's AoR (its authenticated From)
     * @param contact the picker's Contact URI: where the picked call goes
     * @return null when {@code dialled} is no pickup code
     */
    Outcome pick(PickupConfig c, String dialled, String host, String picker, String contact) {
        if (dialled == null || !dialled.startsWith(c.prefix())) {
            return null;
        }
        String ext = dialled.substring(c.prefix().length());
        boolean directed = !ext.isEmpty();
        String kind = directed ? "directed" : "group";
        if (picker == null || contact == null || host == null) {
            return Outcome.refused(400, "Pickup Needs From And Contact", kind);
        }
        Set<String> allowed = groups.colleaguesOf(picker);
        Set<String> callees;
        if (directed) {
            String callee = ext + "@" + host.toLowerCase(Locale.ROOT);
            if (!allowed.contains(callee)) {
                return Outcome.refused(403, "Not In The Pickup Group", kind);
            }
            callees = Set.of(callee);
        } else {
            callees = allowed;
        }
        int nothing = directed ? 404 : 480;
        Map<String, List<String>> headers = c.callInfo().isEmpty()
                ? null
                : Map.of("Call-Info", List.of(c.callInfo().replace("{host}", host)));
        for (DialogInfo d : RingingCalls.of(live.get(), callees, picker)) {
            SipRelayHandle relay = calls.byCallId(d.callId());
            if (relay != null && relay.addBranch(contact, headers, true) == SipBranchResult.ADDED) {
                return new Outcome(PICKED, PICKED_REASON, kind, d.callId(), SipAddresses.aor(d.toUri()));
            }
        }
        return Outcome.refused(nothing, "Nothing Ringing", kind);
    }
}
