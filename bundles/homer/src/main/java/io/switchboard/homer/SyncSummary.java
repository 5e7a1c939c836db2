package io.switchboard.homer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one alias sync changed on Homer. Every alias of the inventory ends up either created, updated or unchanged;
 * {@code deleted} counts the aliases Homer had that the inventory does not (or duplicates of one that it does).
 *
 * @param inventory aliases in the inventory
 * @param created aliases created ({@code POST})
 * @param updated aliases whose name, capture ID or status was changed ({@code PUT})
 * @param deleted aliases deleted ({@code DELETE})
 * @param unchanged aliases already as the inventory wants them
 * @param millis how long the sync took, login and read-back included
 */
public record SyncSummary(int inventory, int created, int updated, int deleted, int unchanged, long millis) {

    /** True when the sync changed nothing on Homer (the second of two runs in a row). */
    public boolean nothingChanged() {
        return created == 0 && updated == 0 && deleted == 0;
    }

    /** The summary as REST answers it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory", inventory);
        m.put("created", created);
        m.put("updated", updated);
        m.put("deleted", deleted);
        m.put("unchanged", unchanged);
        m.put("millis", millis);
        return m;
    }

    @Override
    public String toString() {
        return "created " + created + ", updated " + updated + ", deleted " + deleted + ", unchanged " + unchanged
                + " (inventory " + inventory + ", " + millis + " ms)";
    }
}
