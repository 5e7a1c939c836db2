package io.switchboard.sca.internal;

import io.switchboard.sca.Appearance;
import io.switchboard.subscription.Subscription;
import java.time.Instant;

/** Text of the shell commands. */
final class ScaCommands {

    private ScaCommands() {}

    static String format(Appearance a) {
        return a.aor() + " " + a.index() + " " + a.state().token()
                + (a.state().name().equals("ACTIVE_PENDING") ? " (pending ACK)" : "")
                + (a.uri() == null ? "" : " uri=" + a.uri()) + (a.owner() == null ? "" : " owner=" + a.owner())
                + (a.callId() == null ? "" : " call=" + a.callId()) + " since " + Instant.ofEpochMilli(a.modifiedAt());
    }

    static String format(Subscription s, long now) {
        return s.event() + " " + s.presentity() + " <- " + s.dialog().remoteTarget() + " expires in "
                + s.remainingSeconds(now) + " s [" + s.id() + "]";
    }
}
