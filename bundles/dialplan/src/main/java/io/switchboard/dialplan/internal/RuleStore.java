package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
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
 * The rules in table {@code dialplan} of the platform DataSource (migrations of module {@code dialplan}), the
 * columns of Kamailio's. Read whole at start and at each reload (a dial plan is a few hundred rows at most), written
 * one rule at a time.
 */
final class RuleStore {

    static final String[] MIGRATIONS = {"db/dialplan/V1__dialplan.sql"};

    private static final String COLUMNS = "dpid, pr, match_op, match_exp, match_len, subst_exp, repl_exp, attrs";

    private final DataSource dataSource;

    RuleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate() throws SQLException, IOException {
        SchemaMigrations.migrate(dataSource, "dialplan", RuleStore.class.getClassLoader(), MIGRATIONS);
    }

    List<DialplanRule> all() throws DialplanException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, " + COLUMNS + " FROM dialplan");
                ResultSet rs = ps.executeQuery()) {
            List<DialplanRule> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new DialplanRule(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getInt(6),
                        nonNull(rs.getString(7)),
                        nonNull(rs.getString(8)),
                        nonNull(rs.getString(9))));
            }
            return out;
        } catch (SQLException e) {
            throw new DialplanException(503, "cannot read the dial plans: " + e.getMessage());
        }
    }

    DialplanRule insert(DialplanRule r) throws DialplanException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO dialplan (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
            ps.setInt(1, r.dpid());
            ps.setInt(2, r.pr());
            ps.setInt(3, r.matchOp());
            ps.setString(4, r.matchExp());
            ps.setInt(5, r.matchLen());
            ps.setString(6, r.substExp());
            ps.setString(7, r.replExp());
            ps.setString(8, r.attrs());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new DialplanException(503, "the database gave the new rule no id");
                }
                return r.withId(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new DialplanException(503, "cannot store the rule: " + e.getMessage());
        }
    }

    /** @return true when the rule was there */
    boolean delete(long id) throws DialplanException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM dialplan WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DialplanException(503, "cannot remove the rule: " + e.getMessage());
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
