package io.switchboard.homer.internal;

import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to send Homer so that its aliases equal the inventory. An alias is identified by its address, port and mask
 * (canonical address text): Homer does not keep aliases unique, so a POST never replaces anything and the sync must
 * find the one to keep itself. For each inventory alias the stored one already equal is kept, else the first with its
 * address, port and mask is updated (PUT), else one is created (POST); every other stored alias (not in the
 * inventory, or a duplicate) is deleted. Applying the plan and planning again gives an empty plan.
 *
 * @param creates aliases to POST
 * @param updates stored aliases to PUT with the inventory's fields
 * @param deletes stored aliases to DELETE
 * @param unchanged inventory aliases Homer already has as they are
 */
record AliasPlan(List<HomerAlias> creates, List<StoredAlias> updates, List<StoredAlias> deletes, int unchanged) {

    /** Address, port and mask: what tells two aliases apart. */
    record Key(String ip, int port, int mask) {
        static Key of(HomerAlias a) {
            String ip = IpLiteral.canonical(a.ip());
            return new Key(ip == null ? a.ip() : ip, a.port(), a.mask());
        }
    }

    /**
     * The plan from the inventory ({@code wanted}) and Homer's aliases ({@code stored}, in Homer's order).
     *
     * @throws HomerException (INVENTORY) when two inventory entries have the same address, port and mask
     */
    static AliasPlan of(List<HomerAlias> wanted, List<StoredAlias> stored) {
        Map<Key, HomerAlias> byKey = new LinkedHashMap<>();
        for (HomerAlias a : wanted) {
            HomerAlias before = byKey.putIfAbsent(Key.of(a), a);
            if (before != null) {
                throw new HomerException(
                        Kind.INVENTORY,
                        "the inventory has two aliases for " + a.ip() + " port " + a.port() + " mask " + a.mask() + ": "
                                + before.alias() + " and " + a.alias());
            }
        }
        Map<Key, List<StoredAlias>> present = new LinkedHashMap<>();
        for (StoredAlias s : stored) {
            present.computeIfAbsent(Key.of(s.alias()), k -> new ArrayList<>()).add(s);
        }
        List<HomerAlias> creates = new ArrayList<>();
        List<StoredAlias> updates = new ArrayList<>();
        List<StoredAlias> deletes = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<Key, HomerAlias> e : byKey.entrySet()) {
            HomerAlias want = e.getValue();
            List<StoredAlias> same = present.remove(e.getKey());
            if (same == null) {
                creates.add(want);
                continue;
            }
            StoredAlias keep = same.stream()
                    .filter(s -> sameFields(s.alias(), want))
                    .findFirst()
                    .orElse(null);
            if (keep != null) {
                unchanged++;
            } else {
                keep = same.get(0);
                updates.add(new StoredAlias(keep.guid(), want));
            }
            for (StoredAlias s : same) {
                if (s != keep) {
                    deletes.add(s);
                }
            }
        }
        present.values().forEach(deletes::addAll);
        return new AliasPlan(List.copyOf(creates), List.copyOf(updates), List.copyOf(deletes), unchanged);
    }

    /** Nothing to send. */
    boolean empty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    /** Equal for Homer: the address compared in canonical form, every other field as it is. */
    private static boolean sameFields(HomerAlias a, HomerAlias b) {
        return Key.of(a).equals(Key.of(b))
                && a.alias().equals(b.alias())
                && a.captureID().equals(b.captureID())
                && a.status() == b.status();
    }

    @Override
    public String toString() {
        return creates.size() + " to create, " + updates.size() + " to update, " + deletes.size() + " to delete";
    }
}
