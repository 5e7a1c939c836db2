package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import java.util.List;
import java.util.Optional;

/** Persistence of answered dialogs: one insert on answer, one move to history on end. */
interface DialogStore {

    /** The dialog was answered: store it as live. */
    void answered(DialogInfo dialog);

    /** An answered dialog ended: remove it from the live table and add it to the history. */
    void ended(DialogInfo dialog);

    /** Live dialogs (after a restart). */
    List<DialogInfo> loadLive();

    /** A live dialog another node stored (DB fallback for a BYE that matches nothing in memory). */
    Optional<DialogInfo> findLive(String callId);

    /** No persistence. */
    DialogStore NONE = new DialogStore() {
        @Override
        public void answered(DialogInfo dialog) {}

        @Override
        public void ended(DialogInfo dialog) {}

        @Override
        public List<DialogInfo> loadLive() {
            return List.of();
        }

        @Override
        public Optional<DialogInfo> findLive(String callId) {
            return Optional.empty();
        }
    };
}
