package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.OutboxEntry;
import io.switchboard.store.SchemaMigrations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The CDR outbox, table {@code cgrates_outbox} of the shared DataSource (plain SQL for H2 and PostgreSQL). Rows are
 * written by {@link #add} on a caller's transaction (the dialog's move to history), then claimed, sent and marked by
 * the {@link OutboxSender}. A claim moves {@code next_attempt_at} forward with a conditional UPDATE, so two nodes on
 * one database never send the same row at once, and a node that dies holding a claim lets it go when the lease ends.
 */
final class Outbox {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    static final String[] MIGRATIONS = {"db/cgrates/V1__outbox.sql"};

    private static final String COLUMNS =
            "id, origin_id, method, state, attempts, last_error, created_at, next_attempt_at, delivered_at";

    /** A row to send. */
    record Row(long id, String originId, String method, String body, int attempts, long nextAttemptAt) {}

    private final DataSource dataSource;

    Outbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static void migrate(DataSource ds) throws SQLException, IOException {
        SchemaMigrations.migrate(ds, "cgrates", Outbox.class.getClassLoader(), MIGRATIONS);
    }

    /** Adds a pending row on {@code tx} (the caller commits). */
    static void add(Connection tx, String originId, String method, String body, long now) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO cgrates_outbox (origin_id, method, body, state, "
                + "attempts, created_at, next_attempt_at) VALUES (?,?,?,?,0,?,?)")) {
            ps.setString(1, originId);
            ps.setString(2, method);
            ps.setString(3, body);
            ps.setString(4, PENDING);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** Adds a pending row in a transaction of its own (missed-call CDRs: no dialog history move to join). */
    void add(String originId, String method, String body, long now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            add(c, originId, method, body, now);
        }
    }

    /** Pending rows due at {@code now}, oldest first. */
    List<Row> due(long now, int limit) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, origin_id, method, body, attempts, "
                        + "next_attempt_at FROM cgrates_outbox WHERE state = ? AND next_attempt_at <= ? ORDER BY id")) {
            ps.setMaxRows(limit);
            ps.setString(1, PENDING);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /** Takes a row for {@code leaseMillis}; false when another sender took it first. */
    boolean claim(Row r, long now, long leaseMillis) throws SQLException {
        String sql =
                "UPDATE cgrates_outbox SET next_attempt_at = ? WHERE id = ? AND state = ? " + "AND next_attempt_at = ?";
        return update(sql, now + leaseMillis, r.id(), PENDING, r.nextAttemptAt()) == 1;
    }

    void delivered(long id, int attempts, String note, long now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE cgrates_outbox SET state = ?, attempts = ?, "
                        + "last_error = ?, delivered_at = ? WHERE id = ?")) {
            ps.setString(1, DELIVERED);
            ps.setInt(2, attempts);
            ps.setString(3, note);
            ps.setLong(4, now);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /** A failed send: back to pending at {@code next}, or failed for good when {@code giveUp}. */
    void failed(long id, int attempts, String error, long next, boolean giveUp) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE cgrates_outbox SET state = ?, attempts = ?, "
                        + "last_error = ?, next_attempt_at = ? WHERE id = ?")) {
            ps.setString(1, giveUp ? FAILED : PENDING);
            ps.setInt(2, attempts);
            ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setLong(4, next);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /** Makes an undelivered row due now. */
    boolean retry(long id, long now) throws SQLException {
        return update(
                        "UPDATE cgrates_outbox SET state = ?, next_attempt_at = ? WHERE id = ? AND state <> ?",
                        PENDING,
                        now,
                        id,
                        DELIVERED)
                == 1;
    }

    /** Deletes delivered rows delivered before {@code before}. */
    int purge(long before) throws SQLException {
        return update("DELETE FROM cgrates_outbox WHERE state = ? AND delivered_at < ?", DELIVERED, before);
    }

    List<OutboxEntry> list(String state, int limit) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM cgrates_outbox" + (state == null ? "" : " WHERE state = ?")
                + " ORDER BY id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            if (state != null) {
                ps.setString(1, state);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEntry(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getLong(9)));
                }
            }
        }
        return out;
    }

    Map<String, Integer> counts() throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put(PENDING, 0);
        out.put(DELIVERED, 0);
        out.put(FAILED, 0);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM cgrates_outbox GROUP BY state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    /** Rows {@code pending} and {@code failed} (the index on state answers it; delivered rows are not read). */
    int[] backlog() throws SQLException {
        int[] out = new int[2];
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, COUNT(*) FROM cgrates_outbox WHERE state IN (?, ?) GROUP BY state")) {
            ps.setString(1, PENDING);
            ps.setString(2, FAILED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out[PENDING.equals(rs.getString(1)) ? 0 : 1] = rs.getInt(2);
                }
            }
        }
        return out;
    }

    private int update(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
