package io.switchboard.dialog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SPI (OSGi service) called inside the database transaction that moves an ended, answered dialog from the live table
 * to the history. Why inside: a consumer that must record each ended call exactly once (a billing outbox) writes its
 * row with the same commit as the history row, so a crash either keeps both or neither; an event sent after the
 * commit could be lost, one sent before could be for a move that rolls back. The dialog bundle knows nothing about
 * the consumers.
 * <p>
 * Implementations write on {@code transaction} only (never commit, roll back or close it) and should be quick: they
 * run on the dialog bundle's writer thread, which serialises every dialog write. An exception rolls the whole move
 * back (the dialog stays in the live table, to be restored at the next start) and is logged.
 */
public interface DialogHistoryListener {

    /**
     * The dialog is being moved to the history in {@code transaction}.
     *
     * @param transaction the connection of the move, auto-commit off
     * @param dialog      the ended dialog (state ENDED, end reason and side set)
     */
    void movingToHistory(Connection transaction, DialogInfo dialog) throws SQLException;
}
