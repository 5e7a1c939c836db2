package io.switchboard.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Versioned schema migrations, one history per module, in table {@code switchboard_schema_history}
 * (module, version, script, installed_at). Every bundle that owns tables calls
 * {@link #migrate(DataSource, String, ClassLoader, String...)} on activation with its own class loader
 * and its scripts named {@code V<n>__<description>.sql}: the scripts of a version not yet in the history
 * run in version order, each in one transaction, and are recorded. No class path scanning: the caller
 * names its scripts. Statements in a script are separated by {@code ;} at the end of a line; lines
 * starting with {@code --} are comments.
 */
public final class SchemaMigrations {

    public static final String HISTORY_TABLE = "switchboard_schema_history";

    private static final Pattern NAME = Pattern.compile("(?:.*/)?V(\\d+)__([^/]+)\\.sql");

    private SchemaMigrations() {}

    /**
     * Brings {@code module} to its newest version. {@code scripts} are resource names in {@code loader}.
     *
     * @return the number of scripts applied
     */
    public static synchronized int migrate(DataSource dataSource, String module, ClassLoader loader, String... scripts)
            throws SQLException, IOException {
        List<Script> ordered = new ArrayList<>();
        for (String s : scripts) {
            Matcher m = NAME.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("migration script name must be V<n>__<description>.sql: " + s);
            }
            ordered.add(new Script(Integer.parseInt(m.group(1)), s));
        }
        ordered.sort((a, b) -> Integer.compare(a.version, b.version));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version == ordered.get(i - 1).version) {
                throw new IllegalArgumentException(
                        "two scripts for version " + ordered.get(i).version + " of " + module);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " (module VARCHAR(64) NOT NULL, "
                        + "version INTEGER NOT NULL, script VARCHAR(255) NOT NULL, installed_at TIMESTAMP NOT NULL, "
                        + "PRIMARY KEY (module, version))");
            }
            int current = currentVersion(c, module);
            int applied = 0;
            for (Script s : ordered) {
                if (s.version <= current) {
                    continue;
                }
                String sql = read(loader, s.name);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (String stmt : split(sql)) {
                        st.execute(stmt);
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY_TABLE
                            + " (module, version, script, installed_at) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, module);
                        ps.setInt(2, s.version);
                        ps.setString(3, s.name);
                        ps.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
                        ps.executeUpdate();
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException("migration " + s.name + " of " + module + " failed: " + e.getMessage(), e);
                } finally {
                    c.setAutoCommit(true);
                }
                applied++;
            }
            return applied;
        }
    }

    /** Newest version of {@code module} in the history, 0 when none. */
    public static int currentVersion(Connection c, String module) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT MAX(version) FROM " + HISTORY_TABLE + " WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The statements of a script (see the class comment). */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\r?\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static String read(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("migration script " + name + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Script(int version, String name) {}
}
