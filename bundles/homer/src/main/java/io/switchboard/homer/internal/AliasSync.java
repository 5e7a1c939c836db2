package io.switchboard.homer.internal;

import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import io.switchboard.homer.SyncSummary;
import java.util.List;
import java.util.function.Supplier;

/**
 * One sync run: read the inventory (first, so a bad inventory sends nothing to Homer), read Homer's aliases, plan,
 * apply the deletes, updates and creates, then read back. homer-app answers 201 even to a PUT or DELETE of an unknown
 * guid, so only reading back proves the writes took effect: a plan that is not empty afterwards fails the sync.
 */
final class AliasSync {

    private AliasSync() {}

    static SyncSummary run(Supplier<Object> inventory, HomerApi api) {
        long start = System.nanoTime();
        List<HomerAlias> wanted = AliasCodec.inventory(inventory.get());
        AliasPlan plan = AliasPlan.of(wanted, api.list());
        if (!plan.empty()) {
            for (StoredAlias s : plan.deletes()) {
                api.delete(s.guid());
            }
            for (StoredAlias s : plan.updates()) {
                api.update(s.guid(), s.alias());
            }
            for (HomerAlias a : plan.creates()) {
                api.create(a);
            }
            AliasPlan left = AliasPlan.of(wanted, api.list());
            if (!left.empty()) {
                throw new HomerException(
                        Kind.NOT_APPLIED,
                        "Homer acknowledged every change but reading the aliases back still shows " + left);
            }
        }
        return new SyncSummary(
                wanted.size(),
                plan.creates().size(),
                plan.updates().size(),
                plan.deletes().size(),
                plan.unchanged(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
