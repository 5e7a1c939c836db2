package io.switchboard.subscription.internal;

import io.switchboard.store.SchemaMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** Table {@code sb_subscription} in the platform DataSource (migrations of module {@code subscription}). */
final class JdbcSubscriptionStore implements SubscriptionStore {

    private final DataSource dataSource;

    JdbcSubscriptionStore(DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        SchemaMigrations.migrate(
                dataSource,
                "subscription",
                JdbcSubscriptionStore.class.getClassLoader(),
                "db/subscription/V1__subscriptions.sql");
    }

    @Override
    public List<Row> load() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, event, presentity, watcher, dialog, expires_at FROM sb_subscription");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)));
            }
        }
        return rows;
    }

    @Override
    public void write(Collection<Row> upserts, Collection<String> deletes) throws Exception {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!deletes.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_subscription WHERE id = ?")) {
                        for (String id : deletes) {
                            ps.setString(1, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                List<Row> inserts = new ArrayList<>();
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE sb_subscription SET dialog = ?, expires_at = ? WHERE id = ?")) {
                    for (Row r : upserts) {
                        ps.setString(1, r.dialog());
                        ps.setLong(2, r.expiresAt());
                        ps.setString(3, r.id());
                        if (ps.executeUpdate() == 0) {
                            inserts.add(r);
                        }
                    }
                }
                if (!inserts.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_subscription "
                            + "(id, event, presentity, watcher, dialog, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                        for (Row r : inserts) {
                            ps.setString(1, r.id());
                            ps.setString(2, r.event());
                            ps.setString(3, r.presentity());
                            ps.setString(4, r.watcher());
                            ps.setString(5, r.dialog());
                            ps.setLong(6, r.expiresAt());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
