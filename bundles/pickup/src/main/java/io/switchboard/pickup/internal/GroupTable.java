package io.switchboard.pickup.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pickup groups in memory, immutable: a change builds a new table that replaces the old one whole, so a pickup
 * reads it without a lock and without the database.
 */
final class GroupTable {

    static final GroupTable EMPTY = new GroupTable(Map.of());

    private final Map<String, Set<String>> members; // group -> AoRs
    private final Map<String, Set<String>> groups; // AoR -> groups

    GroupTable(Map<String, Set<String>> members) {
        Map<String, Set<String>> m = new TreeMap<>();
        Map<String, Set<String>> g = new TreeMap<>();
        members.forEach((name, aors) -> {
            if (!aors.isEmpty()) {
                m.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(aors)));
                aors.forEach(
                        a -> g.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(name));
            }
        });
        this.members = Collections.unmodifiableMap(m);
        this.groups = Collections.unmodifiableMap(g);
    }

    static GroupTable of(List<GroupStore.Member> rows) {
        Map<String, Set<String>> m = new TreeMap<>();
        rows.forEach(
                r -> m.computeIfAbsent(r.name(), k -> new LinkedHashSet<>()).add(r.aor()));
        return new GroupTable(m);
    }

    GroupTable with(String name, String aor) {
        Map<String, Set<String>> m = copy();
        m.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(aor);
        return new GroupTable(m);
    }

    GroupTable without(String name, String aor) {
        Map<String, Set<String>> m = copy();
        Set<String> s = m.get(name);
        if (s != null) {
            s.remove(aor);
        }
        return new GroupTable(m);
    }

    private Map<String, Set<String>> copy() {
        Map<String, Set<String>> m = new TreeMap<>();
        members.forEach((k, v) -> m.put(k, new LinkedHashSet<>(v)));
        return m;
    }

    Map<String, Set<String>> members() {
        return members;
    }

    boolean contains(String name, String aor) {
        return members.getOrDefault(name, Set.of()).contains(aor);
    }

    Set<String> groupsOf(String aor) {
        return groups.getOrDefault(aor, Set.of());
    }

    /** {@code aor} and every member of a group it is in. */
    Set<String> colleaguesOf(String aor) {
        Set<String> out = new LinkedHashSet<>();
        out.add(aor);
        for (String g : groupsOf(aor)) {
            out.addAll(members.get(g));
        }
        return out;
    }
}
