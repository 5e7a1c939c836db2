package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogHistoryListener;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.store.SchemaMigrations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dialogs in two tables of the shared DataSource: {@code sb_dialog} (live, answered dialogs: one INSERT on
 * answer) and {@code sb_dialog_history} (one INSERT + one DELETE, in one transaction, on end). Plain SQL
 * that H2 and PostgreSQL both run; the tables come from the versioned scripts in {@code db/dialog/}.
 */
final class JdbcDialogStore implements DialogStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDialogStore.class);

    private static final String COLUMNS =
            "call_id, from_uri, from_tag, to_uri, to_tag, created_at, ringing_at, answered_at, "
                    + "caller_contact, callee_contact, caller_cseq, callee_cseq, record_route, profiles";
    /** The dialog bundle's schema scripts, applied by the store's {@link SchemaMigrations} (module "dialog"). */
    static final String[] MIGRATIONS = {"db/dialog/V1__dialogs.sql"};

    private final DataSource dataSource;
    private final Iterable<DialogHistoryListener> historyListeners;

    /** A store on {@code dataSource}; call {@link #migrate(DataSource)} first. */
    JdbcDialogStore(DataSource dataSource) {
        this(dataSource, List.of());
    }

    /**
     * A store whose move to the history also calls {@code historyListeners} in its transaction (a live view: the
     * listeners present at each move are called).
     */
    JdbcDialogStore(DataSource dataSource, Iterable<DialogHistoryListener> historyListeners) {
        this.dataSource = dataSource;
        this.historyListeners = historyListeners;
    }

    /** Brings the dialog tables to their newest version (history in switchboard_schema_history, module "dialog"). */
    static void migrate(DataSource dataSource) throws SQLException, IOException {
        SchemaMigrations.migrate(dataSource, "dialog", JdbcDialogStore.class.getClassLoader(), MIGRATIONS);
    }

    @Override
    public void answered(DialogInfo d) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sb_dialog (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(ps, d);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not store answered dialog {}", d.callId(), e);
        }
    }

    @Override
    public void ended(DialogInfo d) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO sb_dialog_history (" + COLUMNS
                            + ", ended_at, end_reason, ended_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement del = c.prepareStatement("DELETE FROM sb_dialog WHERE call_id = ?")) {
                bind(ins, d);
                ins.setLong(15, d.endedAt());
                ins.setString(16, d.endReason());
                ins.setString(17, d.endedBy());
                ins.executeUpdate();
                del.setString(1, d.callId());
                del.executeUpdate();
                for (DialogHistoryListener l : historyListeners) {
                    l.movingToHistory(c, d);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not move ended dialog {} to the history", d.callId(), e);
        }
    }

    @Override
    public List<DialogInfo> loadLive() {
        List<DialogInfo> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_dialog ORDER BY created_at");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        } catch (SQLException e) {
            LOG.warn("Could not load live dialogs", e);
        }
        return out;
    }

    @Override
    public Optional<DialogInfo> findLive(String callId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_dialog WHERE call_id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("Could not look up dialog {}", callId, e);
            return Optional.empty();
        }
    }

    /** Rows of the history table for a Call-ID: end reason and who ended it (tests, operations). */
    List<String[]> history(String callId) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT end_reason, ended_by, answered_at, ended_at FROM sb_dialog_history WHERE call_id = "
                                + "?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {
                        rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)), Long.toString(rs.getLong(4))
                    });
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, DialogInfo d) throws SQLException {
        ps.setString(1, d.callId());
        ps.setString(2, d.fromUri());
        ps.setString(3, d.fromTag());
        ps.setString(4, d.toUri());
        ps.setString(5, d.toTag());
        ps.setLong(6, d.createdAt());
        ps.setLong(7, d.ringingAt());
        ps.setLong(8, d.answeredAt());
        ps.setString(9, d.callerContact());
        ps.setString(10, d.calleeContact());
        ps.setLong(11, d.callerCSeq());
        ps.setLong(12, d.calleeCSeq());
        ps.setString(13, String.join("\n", d.recordRoute()));
        ps.setString(14, String.join(",", d.profiles()));
    }

    private static DialogInfo read(ResultSet rs) throws SQLException {
        String rr = rs.getString(13);
        String profiles = rs.getString(14);
        return new DialogInfo(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                DialogState.ANSWERED,
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                0,
                null,
                null,
                rs.getString(9),
                rs.getString(10),
                rs.getLong(11),
                rs.getLong(12),
                rr == null || rr.isEmpty() ? List.of() : List.of(rr.split("\n")),
                profiles == null || profiles.isEmpty()
                        ? new LinkedHashSet<>()
                        : new LinkedHashSet<>(Arrays.asList(profiles.split(","))));
    }
}
