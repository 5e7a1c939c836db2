package io.switchboard.sca.internal;

import io.switchboard.sca.ScaException;
import io.switchboard.sip.SipAddresses;
import io.switchboard.store.SchemaMigrations;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of each shared line, in table {@code sca_line_member} of the platform DataSource (migrations of module
 * {@code sca}): who may watch a line's call-info and seize its appearances. Read from the table at each new SUBSCRIBE
 * (one indexed SELECT; no cache, so that two nodes on one database and a change over REST or the shell agree at
 * once). Without the DataSource nobody is a member (SUBSCRIBEs of members get 403) and changes answer 503.
 */
final class LineMembers {

    private static final Logger LOG = LoggerFactory.getLogger(LineMembers.class);
    static final String[] MIGRATIONS = {"db/sca/V1__sca_line_member.sql"};

    private final Supplier<DataSource> dataSource;

    LineMembers(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    static void migrate(DataSource ds) throws SQLException, IOException {
        SchemaMigrations.migrate(ds, "sca", LineMembers.class.getClassLoader(), MIGRATIONS);
    }

    /** True when {@code member} is a member of {@code line} (both {@code user@domain}); false on any failure. */
    boolean isMember(String line, String member) {
        DataSource ds = dataSource.get();
        if (ds == null || line == null || member == null) {
            return false;
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM sca_line_member WHERE line = ? AND member = ?")) {
            ps.setString(1, line);
            ps.setString(2, member);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.warn("SCA: cannot read the members of {}", line, e);
            return false;
        }
    }

    /** The members of a line, sorted. */
    List<String> list(String line) throws ScaException {
        String l = aor(line, "line");
        try (Connection c = open();
                PreparedStatement ps =
                        c.prepareStatement("SELECT member FROM sca_line_member WHERE line = ? ORDER BY member")) {
            ps.setString(1, l);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Adds a member; false when it was one already. */
    boolean add(String line, String member) throws ScaException {
        String l = aor(line, "line");
        String m = aor(member, "member");
        try (Connection c = open()) {
            if (isMember(l, m)) {
                return false;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO sca_line_member (line, member) VALUES (?, ?)")) {
                ps.setString(1, l);
                ps.setString(2, m);
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (isMember(l, m)) {
                return false; // added meanwhile (another node, another operator): the primary key refused this row
            }
            throw failed(e);
        }
    }

    /** Removes a member; false when it was none. */
    boolean remove(String line, String member) throws ScaException {
        String l = aor(line, "line");
        String m = aor(member, "member");
        try (Connection c = open();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM sca_line_member WHERE line = ? AND member = ?")) {
            ps.setString(1, l);
            ps.setString(2, m);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** {@code user@domain} (a {@code sip:} prefix allowed, domain lower case), else 400. */
    static String aor(String value, String what) throws ScaException {
        String v = value == null ? null : value.trim();
        String uri = v == null || v.isEmpty() ? null : v.startsWith("sip:") || v.startsWith("sips:") ? v : "sip:" + v;
        String aor = uri == null ? null : SipAddresses.aor(uri);
        if (aor == null || aor.indexOf('@') == aor.length() - 1 || aor.length() > 255) {
            throw new ScaException(400, "not a " + what + " AoR (user@domain): " + value);
        }
        return aor;
    }

    private Connection open() throws SQLException, ScaException {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new ScaException(503, "no database: the line members cannot be read or changed");
        }
        return ds.getConnection();
    }

    private static ScaException failed(SQLException e) {
        LOG.warn("SCA: line members", e);
        return new ScaException(500, "database error: " + e.getMessage());
    }
}
