package io.switchboard.sip.internal;

import io.switchboard.sip.SipDialogDirectory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link SipDialogDirectory} services the proxy component is bound to, asked as one: a request belongs to a
 * tracked dialog when any of them tracks it. None bound (the dialog bundle not installed): no dialog is known.
 */
final class TrackedDialogs {

    private final List<SipDialogDirectory> directories = new CopyOnWriteArrayList<>();

    void add(SipDialogDirectory d) {
        directories.add(d);
    }

    void remove(SipDialogDirectory d) {
        directories.remove(d);
    }

    /** True when a bound directory tracks the dialog of this Call-ID and tags; a failing directory counts as no. */
    boolean tracks(String callId, String fromTag, String toTag) {
        for (SipDialogDirectory d : directories) {
            try {
                if (d.tracks(callId, fromTag, toTag)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a broken directory must not open the relay: it simply does not vouch for the request
            }
        }
        return false;
    }
}
