package io.switchboard.homer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff: what is created, updated, deleted and kept, and that applying a plan leaves nothing to do. */
class AliasPlanTest {

    private static HomerAlias a(String name, String ip, int port) {
        return new HomerAlias(name, ip, port, ip.contains(":") ? 128 : 32, "0", true);
    }

    private static StoredAlias s(String guid, HomerAlias a) {
        return new StoredAlias(guid, a);
    }

    @Test
    void anEmptyHomerGetsEveryAliasCreated() {
        AliasPlan p = AliasPlan.of(List.of(a("sbc-1", "192.0.2.10", 5060), a("as-1", "192.0.2.20", 5080)), List.of());
        assertEquals(2, p.creates().size());
        assertEquals(0, p.unchanged());
        assertTrue(p.updates().isEmpty() && p.deletes().isEmpty());
    }

    @Test
    void eachKindOfChangeIsFoundByAddressPortAndMask() {
        List<HomerAlias> wanted = List.of(
                a("sbc-1", "192.0.2.10", 5060), // same: unchanged
                a("sbc-2-renamed", "192.0.2.11", 5060), // renamed: update
                new HomerAlias("as-1", "192.0.2.20", 5080, 32, "2001", false), // capture ID and status: update
                a("new", "192.0.2.30", 5060)); // absent: create
        List<StoredAlias> stored = List.of(
                s("g1", a("sbc-1", "192.0.2.10", 5060)),
                s("g2", a("sbc-2", "192.0.2.11", 5060)),
                s("g3", a("as-1", "192.0.2.20", 5080)),
                s("g4", a("sbc-1", "192.0.2.10", 5061)), // another port: not in the inventory
                s("g5", new HomerAlias("sbc-1", "192.0.2.10", 5060, 24, "0", true))); // another mask
        AliasPlan p = AliasPlan.of(wanted, stored);
        assertEquals(1, p.unchanged());
        assertEquals(List.of(a("new", "192.0.2.30", 5060)), p.creates());
        assertEquals(
                List.of("g2", "g3"), p.updates().stream().map(StoredAlias::guid).toList());
        assertEquals(wanted.get(1), p.updates().get(0).alias());
        assertEquals(wanted.get(2), p.updates().get(1).alias());
        assertEquals(
                List.of("g4", "g5"), p.deletes().stream().map(StoredAlias::guid).toList());
    }

    @Test
    void duplicatesOnHomerAreDeletedKeepingTheOneAlreadyRight() {
        HomerAlias want = a("sbc-1", "192.0.2.10", 5060);
        AliasPlan p = AliasPlan.of(
                List.of(want),
                List.of(s("g1", a("old", "192.0.2.10", 5060)), s("g2", want), s("g3", a("other", "192.0.2.10", 5060))));
        assertEquals(1, p.unchanged());
        assertTrue(p.updates().isEmpty());
        assertEquals(
                List.of("g1", "g3"), p.deletes().stream().map(StoredAlias::guid).toList());
    }

    @Test
    void duplicatesWithoutAnExactOneUpdateTheFirst() {
        HomerAlias want = a("sbc-1", "192.0.2.10", 5060);
        AliasPlan p = AliasPlan.of(
                List.of(want), List.of(s("g1", a("old", "192.0.2.10", 5060)), s("g2", a("x", "192.0.2.10", 5060))));
        assertEquals(List.of("g1"), p.updates().stream().map(StoredAlias::guid).toList());
        assertEquals(List.of("g2"), p.deletes().stream().map(StoredAlias::guid).toList());
    }

    @Test
    void anIpv6AddressWrittenAnotherWayIsTheSameAlias() {
        AliasPlan p = AliasPlan.of(
                List.of(a("v6", "2001:DB8::1", 5060)), List.of(s("g1", a("v6", "2001:db8:0:0:0:0:0:1", 5060))));
        assertTrue(p.empty());
        assertEquals(1, p.unchanged());
        AliasPlan v4 = AliasPlan.of(List.of(a("v4", "192.0.2.7", 0)), List.of(s("g1", a("v4", "192.000.002.007", 0))));
        assertTrue(v4.empty());
    }

    @Test
    void anEmptyInventoryDeletesEverything() {
        AliasPlan p = AliasPlan.of(List.of(), List.of(s("g1", a("x", "192.0.2.1", 1)), s("g2", a("y", "::1", 2))));
        assertEquals(2, p.deletes().size());
    }

    @Test
    void twoInventoryEntriesForOneAddressAreRefused() {
        HomerException e = assertThrows(
                HomerException.class,
                () -> AliasPlan.of(List.of(a("a", "192.0.2.1", 5060), a("b", "192.0.2.1", 5060)), List.of()));
        assertEquals(HomerException.Kind.INVENTORY, e.kind());
        assertTrue(e.getMessage().contains("a and b"), e.getMessage());
    }

    @Test
    void applyingThePlanLeavesNothingToDo() {
        List<HomerAlias> wanted = List.of(a("a", "192.0.2.1", 5060), a("b", "192.0.2.2", 5060), a("c", "::2", 0));
        List<StoredAlias> stored = new ArrayList<>(List.of(
                s("g1", a("a-old", "192.0.2.1", 5060)),
                s("g2", a("b", "192.0.2.2", 5060)),
                s("g3", a("b", "192.0.2.2", 5060)),
                s("g4", a("gone", "192.0.2.9", 5060))));
        AliasPlan p = AliasPlan.of(wanted, stored);
        for (StoredAlias d : p.deletes()) {
            stored.removeIf(x -> x.guid().equals(d.guid()));
        }
        for (StoredAlias u : p.updates()) {
            stored.replaceAll(x -> x.guid().equals(u.guid()) ? u : x);
        }
        p.creates().forEach(c -> stored.add(s("new-" + c.alias(), c)));
        AliasPlan again = AliasPlan.of(wanted, stored);
        assertTrue(again.empty(), again.toString());
        assertEquals(3, again.unchanged());
    }
}
