package io.switchboard.homer.internal;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerSyncService;
import io.switchboard.homer.SyncSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code homer:sync}: one alias sync now, printing what changed or why it failed. */
@Command(scope = "homer", name = "sync", description = "Makes Homer's IP aliases equal the inventory now")
@Service
public class HomerSyncCommand implements Action {

    @Reference
    HomerSyncService homer;

    @Override
    public Object execute() {
        try {
            SyncSummary s = homer.sync();
            System.out.println("Homer aliases synced: " + s);
        } catch (HomerException e) {
            System.out.println("Homer alias sync failed (" + e.kind() + "): " + e.getMessage());
        }
        return null;
    }
}
