package io.switchboard.pickup.internal;

import io.switchboard.pickup.PickupException;
import io.switchboard.store.SchemaMigrations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Table {@code pickup_group} of the platform DataSource (migrations of module {@code pickup}): one row per member.
 * Read whole at start (groups are small), written one membership at a time.
 */
final class GroupStore {

    static final String[] MIGRATIONS = {"db/pickup/V1__pickup_groups.sql"};

    /** One row: a member of a group. */
    record Member(String name, String aor) {}

    private final DataSource dataSource;

    GroupStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate() throws SQLException, IOException {
        SchemaMigrations.migrate(dataSource, "pickup", GroupStore.class.getClassLoader(), MIGRATIONS);
    }

    List<Member> all() throws PickupException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, aor FROM pickup_group ORDER BY name, aor");
                ResultSet rs = ps.executeQuery()) {
            List<Member> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Member(rs.getString(1), rs.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new PickupException(503, "cannot read the pickup groups: " + e.getMessage());
        }
    }

    void insert(String name, String aor) throws PickupException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO pickup_group (name, aor) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, aor);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PickupException(503, "cannot store the member: " + e.getMessage());
        }
    }

    /** @return true when the member was there */
    boolean delete(String name, String aor) throws PickupException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM pickup_group WHERE name = ? AND aor = ?")) {
            ps.setString(1, name);
            ps.setString(2, aor);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new PickupException(503, "cannot remove the member: " + e.getMessage());
        }
    }
}
