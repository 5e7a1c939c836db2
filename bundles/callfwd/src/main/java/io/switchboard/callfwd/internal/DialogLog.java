package io.switchboard.callfwd.internal;

import io.switchboard.dialog.DialogService;
import java.util.function.Supplier;

/** The decisions told to the dialog bundle when it is there (it is optional: without it they are in headers only). */
final class DialogLog implements CallFeatures.DecisionLog {

    private final Supplier<DialogService> dialogs;

    DialogLog(Supplier<DialogService> dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void declined(String callId, String fromUri, String fromTag, String toUri, String reason, String decisions) {
        DialogService d = dialogs.get();
        if (d != null && callId != null) {
            d.declined(callId, fromUri, fromTag, toUri, reason, decisions);
        }
    }

    @Override
    public void decided(String callId, String decisions) {
        DialogService d = dialogs.get();
        if (d != null && callId != null) {
            d.feature(callId, decisions);
        }
    }
}
