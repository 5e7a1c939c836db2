package io.switchboard.registrar.internal;

import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * A refresh (an update that keeps the same contacts, from the same user agent and source, and only extends their
 * expiry) is written at the latest {@link #refreshDelayMillis(long) refresh delay} later
 * (Kamailio usrloc's write-back {@code timer_interval}), unless a change of the AoR writes it sooner;
 * {@link #flushAll()} writes everything pending. {@link #load()} restores the live contacts. Expired contacts
 * leave memory on {@link #purge()} (and are never returned by {@link #lookup(String)}).
 */
public class LocationTable implements LocationService {

    private static final Logger LOG = LoggerFactory.getLogger(LocationTable.class);
    private static final Comparator<ContactBinding> NEWEST_FIRST =
            Comparator.comparingLong(ContactBinding::registeredAt).reversed();

    private final DataSource dataSource;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, List<ContactBinding>> table = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** AoRs only refreshed since their last write, with the time of the first such refresh. */
    private final ConcurrentHashMap<String, Long> refreshed = new ConcurrentHashMap<>();

    private volatile long refreshDelayMillis;

    /** A deferred refresh is written by the first flush after its delay: flushes run every second. */
    private static final long FLUSH_SLACK_MILLIS = 1_000;

    private static final int NONE = 0;
    private static final int REFRESHED = 1;
    private static final int DIRTY = 2;

    public LocationTable(DataSource dataSource, LongSupplier clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** How long a refresh may wait to be written (0: written with the next flush, like any change). */
    public void refreshDelayMillis(long millis) {
        this.refreshDelayMillis = millis;
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
        int[] write = {DIRTY};
        table.compute(aor, (k, old) -> {
            List<ContactBinding> live = old == null
                    ? List.of()
                    : old.stream().filter(c -> c.expiresAt() > now).toList();
            List<ContactBinding> changed = change.apply(live);
            if (old != null && changed == live && live.size() == old.size()) {
                result[0] = old; // nothing changed (a retransmission, an out-of-order REGISTER)
                write[0] = NONE;
                return old;
            }
            List<ContactBinding> next = new ArrayList<>(changed);
            next.sort(NEWEST_FIRST);
            result[0] = List.copyOf(next);
            write[0] = old != null && isRefresh(old, result[0], now + refreshDelayMillis + FLUSH_SLACK_MILLIS)
                    ? REFRESHED
                    : DIRTY;
            return next.isEmpty() ? null : result[0];
        });
        if (write[0] == DIRTY) {
            dirty.add(aor);
        } else if (write[0] == REFRESHED) {
            refreshed.putIfAbsent(aor, now);
        }
        return result[0];
    }

    /**
     * Whether {@code next} only extends the expiry of the contacts of {@code old}: the same URIs, each from the same
     * user agent and source, none expiring earlier (the Call-ID and CSeq may differ: they order REGISTERs, a restore
     * does not need them), and none of those refreshed expiring before
     * {@code writtenBy} (when a deferred write is done at the latest). A write-back may then wait: the stored rows
     * restore the same contacts, only with their previous expiry, and they do not expire before it.
     */
    private static boolean isRefresh(List<ContactBinding> old, List<ContactBinding> next, long writtenBy) {
        if (old.size() != next.size()) {
            return false;
        }
        for (ContactBinding n : next) {
            ContactBinding o = null;
            for (ContactBinding b : old) {
                if (b.uri().equals(n.uri())) {
                    o = b;
                    break;
                }
            }
            if (o == null
                    || (n.expiresAt() != o.expiresAt() && o.expiresAt() <= writtenBy)
                    || n.expiresAt() < o.expiresAt()
                    || !Objects.equals(o.userAgent(), n.userAgent())
                    || !Objects.equals(o.source(), n.source())) {
                return false;
            }
        }
        return true;
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

    /**
     * Writes the dirty AoRs and those refreshed at least the refresh delay ago; returns how many AoRs were written.
     * A failed write keeps them pending.
     */
    public int flush() throws SQLException {
        return flush(false);
    }

    /** Writes every pending AoR, refreshed ones too (at stop); returns how many. */
    public int flushAll() throws SQLException {
        return flush(true);
    }

    private synchronized int flush(boolean all) throws SQLException {
        Set<String> aors = new HashSet<>(dirty);
        dirty.removeAll(aors);
        for (String aor : aors) {
            refreshed.remove(aor); // the write below holds its refresh
        }
        long due = clock.getAsLong() - refreshDelayMillis;
        for (Map.Entry<String, Long> e : refreshed.entrySet()) {
            if ((all || e.getValue() <= due) && refreshed.remove(e.getKey(), e.getValue())) {
                aors.add(e.getKey());
            }
        }
        if (aors.isEmpty()) {
            return 0;
        }
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

    /** Number of AoRs waiting to be written with the next flush (refreshed ones not yet due excepted). */
    public int dirtyCount() {
        return dirty.size();
    }

    /** Number of AoRs only refreshed since their last write. */
    public int refreshedCount() {
        return refreshed.size();
    }
}
