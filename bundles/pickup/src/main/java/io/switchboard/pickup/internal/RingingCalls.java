package io.switchboard.pickup.internal;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.sip.SipAddresses;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The calls a pickup may take, from the dialog bundle's state: dialogs still CREATED or RINGING (not answered, not
 * ended) whose callee (the To URI's AoR) is one of the given users, oldest first (the caller who waits longest is
 * picked first, as a queue would). A call the picker makes itself is never a candidate.
 */
final class RingingCalls {

    private RingingCalls() {}

    static List<DialogInfo> of(List<DialogInfo> live, Set<String> callees, String picker) {
        return live.stream()
                .filter(d -> d.state() == DialogState.CREATED || d.state() == DialogState.RINGING)
                .filter(d -> callees.contains(SipAddresses.aor(d.toUri())))
                .filter(d -> !picker.equals(SipAddresses.aor(d.fromUri())))
                .sorted(Comparator.comparingLong(DialogInfo::createdAt))
                .toList();
    }
}
