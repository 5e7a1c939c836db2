package io.switchboard.registrar.internal;

import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location table in memory, written behind to table {@code registrar_contact}: every change marks its
 * AoR dirty; {@link #flush()} rewrites the rows of the dirty AoRs in one transaction (batched).
 * {@link #load()} restores the live contacts. Expired contacts leave memory on {@link #purge()} (and are
 * never returned by {@link #lookup(String)}).
 */
public class LocationTable implements LocationService {

    private static final Logger LOG = LoggerFactory.getLogger(LocationTable.class);
    private static final Comparator<ContactBinding> NEWEST_FIRST =
            Comparator.comparingLong(ContactBinding::registeredAt).reversed();

    private final DataSource dataSource;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, List<ContactBinding>> table = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    public LocationTable(DataSource dataSource, LongSupplier clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Replaces the AoR's contacts by {@code contacts} (list ordered newest first is kept as given after sort). */
    public void put(String aor, List<ContactBinding> contacts) {
        if (contacts.isEmpty()) {
            table.remove(aor);
        } else {
            List<ContactBinding> copy = new ArrayList<>(contacts);
            copy.sort(NEWEST_FIRST);
            table.put(aor, List.copyOf(copy));
        }
        dirty.add(aor);
    }

    /**
     * Atomically changes the AoR's contacts: {@code change} gets the live contacts and returns the new
     * list (any order; kept newest first). Returns the new list.
     */
    public List<ContactBinding> update(String aor, UnaryOperator<List<ContactBinding>> change) {
        long now = clock.getAsLong();
        @SuppressWarnings("unchecked")
        List<ContactBinding>[] result = new List[] {List.of()};
        table.compute(aor, (k, old) -> {
            List<ContactBinding> live = old == null
                    ? List.of()
                    : old.stream().filter(c -> c.expiresAt() > now).toList();
            List<ContactBinding> next = new ArrayList<>(change.apply(live));
            next.sort(NEWEST_FIRST);
            result[0] = List.copyOf(next);
            return next.isEmpty() ? null : result[0];
        });
        dirty.add(aor);
        return result[0];
    }

    /**
     * Drops every contact of the AoR (its subscriber was removed) and marks it dirty, so that the next
     * {@link #flush()} deletes its rows; returns how many live contacts it had.
     */
    public int removeAll(String aor) {
        List<ContactBinding> old = table.remove(aor);
        dirty.add(aor);
        if (old == null) {
            return 0;
        }
        long now = clock.getAsLong();
        return (int) old.stream().filter(c -> c.expiresAt() > now).count();
    }

    /** Current live contacts, the map's own list filtered by expiry. */
    @Override
    public List<ContactBinding> lookup(String aor) {
        List<ContactBinding> list = table.get(aor);
        if (list == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        for (ContactBinding b : list) {
            if (b.expiresAt() <= now) {
                return list.stream().filter(c -> c.expiresAt() > now).toList();
            }
        }
        return list;
    }

    @Override
    public Map<String, List<ContactBinding>> all() {
        Map<String, List<ContactBinding>> out = new TreeMap<>();
        for (String aor : table.keySet()) {
            List<ContactBinding> l = lookup(aor);
            if (!l.isEmpty()) {
                out.put(aor, l);
            }
        }
        return out;
    }

    /** AoRs with contacts in memory (expired ones leave at the next purge, every second). */
    public int aorCount() {
        return table.size();
    }

    /** Contacts in memory (expired ones leave at the next purge); walks the table without locking it. */
    public int contactCount() {
        int n = 0;
        for (List<ContactBinding> l : table.values()) {
            n += l.size();
        }
        return n;
    }

    /** Removes expired contacts from memory (their rows go with the next flush); returns how many. */
    public int purge() {
        return purge(b -> {});
    }

    /** As {@link #purge()}, handing each expired contact it removed to {@code expired}. */
    public int purge(Consumer<ContactBinding> expired) {
        long now = clock.getAsLong();
        int removed = 0;
        for (Map.Entry<String, List<ContactBinding>> e : table.entrySet()) {
            if (!anyExpired(e.getValue(), now)) {
                continue; // the common case, every second for every AoR: no list, no stream
            }
            List<ContactBinding> live =
                    e.getValue().stream().filter(c -> c.expiresAt() > now).toList();
            if (live.size() != e.getValue().size()) {
                removed += e.getValue().size() - live.size();
                boolean done = live.isEmpty()
                        ? table.remove(e.getKey(), e.getValue())
                        : table.replace(e.getKey(), e.getValue(), live);
                if (done) {
                    e.getValue().stream().filter(c -> c.expiresAt() <= now).forEach(expired);
                }
                dirty.add(e.getKey());
            }
        }
        return removed;
    }

    private static boolean anyExpired(List<ContactBinding> contacts, long now) {
        for (ContactBinding c : contacts) {
            if (c.expiresAt() <= now) {
                return true;
            }
        }
        return false;
    }

    /** Writes the dirty AoRs; returns how many AoRs were written. A failed write keeps them dirty. */
    public synchronized int flush() throws SQLException {
        if (dirty.isEmpty()) {
            return 0;
        }
        List<String> aors = new ArrayList<>(dirty);
        dirty.removeAll(aors);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM registrar_contact WHERE aor = ?");
                    PreparedStatement ins =
                            c.prepareStatement("INSERT INTO registrar_contact (aor, contact_uri, expires_at, "
                                    + "registered_at, call_id, cseq, user_agent, source) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                    + "?)")) {
                for (String aor : aors) {
                    del.setString(1, aor);
                    del.addBatch();
                }
                del.executeBatch();
                for (String aor : aors) {
                    for (ContactBinding b : table.getOrDefault(aor, List.of())) {
                        ins.setString(1, aor);
                        ins.setString(2, b.uri());
                        ins.setLong(3, b.expiresAt());
                        ins.setLong(4, b.registeredAt());
                        ins.setString(5, b.callId());
                        ins.setLong(6, b.cseq());
                        ins.setString(7, b.userAgent());
                        ins.setString(8, b.source());
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            dirty.addAll(aors);
            throw e;
        }
        return aors.size();
    }

    /** Loads the live contacts from the database (at start); returns how many. */
    public int load() throws SQLException {
        long now = clock.getAsLong();
        Map<String, List<ContactBinding>> loaded = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT aor, contact_uri, expires_at, registered_at, call_id, cseq, "
                                + "user_agent, source FROM registrar_contact WHERE expires_at > ?")) {
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ContactBinding b = new ContactBinding(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getLong(6),
                            rs.getString(7),
                            rs.getString(8));
                    loaded.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
                }
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM registrar_contact WHERE expires_at <= ?")) {
                del.setLong(1, now);
                del.executeUpdate();
            }
        }
        int n = 0;
        for (Map.Entry<String, List<ContactBinding>> e : loaded.entrySet()) {
            List<ContactBinding> l = e.getValue();
            l.sort(NEWEST_FIRST);
            table.put(e.getKey(), List.copyOf(l));
            n += l.size();
        }
        LOG.info("Restored {} contacts of {} AoRs", n, loaded.size());
        return n;
    }

    /** Number of AoRs waiting to be written. */
    public int dirtyCount() {
        return dirty.size();
    }
}
