package io.switchboard.store.internal;

import io.switchboard.store.DigestHashes;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberListener;
import io.switchboard.store.SubscriberRemoval;
import io.switchboard.store.SubscriberStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubscriberStore} on table {@code subscriber}; found subscribers are kept in memory. A removal is told to
 * the {@link SubscriberListener}s of the collection given (the store component keeps it current).
 */
public class JdbcSubscriberStore implements SubscriberStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSubscriberStore.class);

    private final DataSource dataSource;
    private final Collection<SubscriberListener> listeners;
    private final ConcurrentHashMap<String, Subscriber> cache = new ConcurrentHashMap<>();

    public JdbcSubscriberStore(DataSource dataSource) {
        this(dataSource, List.of());
    }

    /** @param listeners read at each removal (a concurrent collection: listeners come and go) */
    public JdbcSubscriberStore(DataSource dataSource, Collection<SubscriberListener> listeners) {
        this.dataSource = dataSource;
        this.listeners = listeners;
    }

    private static String key(String username, String domain) {
        return username + "@" + domain.toLowerCase(Locale.ROOT);
    }

    @Override
    public void add(String username, String domain, String password) {
        String d = domain.toLowerCase(Locale.ROOT);
        Subscriber s = new Subscriber(
                username,
                d,
                password,
                DigestHashes.ha1("MD5", username, d, password),
                DigestHashes.ha1("SHA-256", username, d, password));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del =
                            c.prepareStatement("DELETE FROM subscriber WHERE username = ? AND domain = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO subscriber (username, domain, password, ha1_md5, ha1_sha256) VALUES (?, ?, ?,"
                                    + " ?, ?)")) {
                del.setString(1, username);
                del.setString(2, d);
                del.executeUpdate();
                ins.setString(1, username);
                ins.setString(2, d);
                ins.setString(3, password);
                ins.setString(4, s.ha1Md5());
                ins.setString(5, s.ha1Sha256());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add subscriber " + s.aor() + ": " + e.getMessage(), e);
        }
        cache.put(key(username, d), s);
    }

    @Override
    public boolean remove(String username, String domain, boolean endCalls) {
        String d = domain.toLowerCase(Locale.ROOT);
        cache.remove(key(username, d));
        boolean removed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM subscriber WHERE username = ? AND domain = ?")) {
            ps.setString(1, username);
            ps.setString(2, d);
            removed = ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot remove subscriber " + username + "@" + domain + ": " + e.getMessage(), e);
        }
        if (removed) {
            removed(new SubscriberRemoval(username, d, endCalls));
        }
        return removed;
    }

    /** Tells every listener; one that fails does not keep the others from cleaning up. */
    private void removed(SubscriberRemoval removal) {
        for (SubscriberListener l : listeners) {
            try {
                l.subscriberRemoved(removal);
            } catch (RuntimeException e) {
                LOG.warn(
                        "{} failed on the removal of subscriber {}",
                        l.getClass().getName(),
                        removal.aor(),
                        e);
            }
        }
    }

    @Override
    public Optional<Subscriber> find(String username, String domain) {
        Subscriber s = cache.get(key(username, domain));
        if (s != null) {
            return Optional.of(s);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, domain, password, ha1_md5, ha1_sha256 "
                        + "FROM subscriber WHERE username = ? AND domain = ?")) {
            ps.setString(1, username);
            ps.setString(2, domain.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                s = row(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read subscriber " + username + "@" + domain + ": " + e.getMessage(), e);
        }
        cache.put(key(username, domain), s);
        return Optional.of(s);
    }

    @Override
    public List<Subscriber> list() {
        List<Subscriber> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, domain, password, ha1_md5, ha1_sha256 "
                        + "FROM subscriber ORDER BY domain, username");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list subscribers: " + e.getMessage(), e);
        }
        return out;
    }

    private static Subscriber row(ResultSet rs) throws SQLException {
        return new Subscriber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
