package io.switchboard.homer;

/**
 * Runs one alias sync now: the timer, {@code homer:sync}, REST ({@code POST /api/homer/sync}) and the shell
 * ({@code homer:sync}) all go through it, so two of them never write to Homer at the same time.
 */
public interface HomerSyncService {

    /**
     * Makes Homer's aliases equal the inventory and says what changed. Waits for a sync already running.
     *
     * @throws HomerException when the sync is disabled, the inventory is invalid or Homer could not be synced
     */
    SyncSummary sync();
}
