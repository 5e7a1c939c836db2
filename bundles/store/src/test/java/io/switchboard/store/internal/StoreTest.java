package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.DigestHashes;
import io.switchboard.store.SchemaMigrations;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberListener;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    HikariDataSource ds;

    @BeforeEach
    void open() {
        ds = StoreComponent.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void migrationsRunOncePerVersionAndModule() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        assertEquals(1, SchemaMigrations.migrate(ds, "store", cl, "db/store/V1__subscribers.sql"));
        assertEquals(0, SchemaMigrations.migrate(ds, "store", cl, "db/store/V1__subscribers.sql"));
        // another module has its own history: version 1 and 2 run, in order, even when listed backwards
        assertEquals(2, SchemaMigrations.migrate(ds, "demo", cl, "db/demo/V2__more.sql", "db/demo/V1__demo.sql"));
        try (Connection c = ds.getConnection()) {
            assertEquals(1, SchemaMigrations.currentVersion(c, "store"));
            assertEquals(2, SchemaMigrations.currentVersion(c, "demo"));
            c.createStatement().execute("INSERT INTO demo (id, note) VALUES (1, 'x')");
        }
    }

    @Test
    void failingMigrationIsNotRecorded() throws Exception {
        ClassLoader cl = getClass().getClassLoader();
        assertThrows(SQLException.class, () -> SchemaMigrations.migrate(ds, "bad", cl, "db/demo/V1__broken.sql"));
        try (Connection c = ds.getConnection()) {
            assertEquals(0, SchemaMigrations.currentVersion(c, "bad"));
        }
        assertThrows(IllegalArgumentException.class, () -> SchemaMigrations.migrate(ds, "x", cl, "db/demo/demo.sql"));
    }

    @Test
    void splitsStatements() {
        assertEquals(
                List.of("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES (1)"),
                SchemaMigrations.split("-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a\nVALUES (1);\n"));
    }

    @Test
    void subscribersRoundTrip() throws Exception {
        StoreComponent.migrateStore(ds);
        JdbcSubscriberStore store = new JdbcSubscriberStore(ds);
        store.add("alice", "Example.COM", "secret");
        store.add("bob", "example.com", "pw");
        store.add("alice", "example.com", "secret2"); // replaces
        // a second instance reads from the database, not from the first one's memory
        JdbcSubscriberStore fresh = new JdbcSubscriberStore(ds);
        Subscriber a = fresh.find("alice", "example.com").orElseThrow();
        assertEquals("secret2", a.password());
        assertEquals(DigestHashes.ha1("MD5", "alice", "example.com", "secret2"), a.ha1Md5());
        assertEquals(DigestHashes.ha1("SHA-256", "alice", "example.com", "secret2"), a.ha1Sha256());
        assertEquals(a.ha1Md5(), a.ha1("MD5", "example.com"));
        assertEquals(DigestHashes.ha1("MD5", "alice", "other", "secret2"), a.ha1("MD5", "other"));
        assertEquals(
                List.of("alice@example.com", "bob@example.com"),
                fresh.list().stream().map(Subscriber::aor).toList());
        assertTrue(fresh.remove("bob", "example.com"));
        assertFalse(fresh.remove("bob", "example.com"));
        assertTrue(fresh.find("bob", "example.com").isEmpty());
        assertEquals("alice@example.com password ha1-md5 ha1-sha256\n", SubscriberCommands.format(fresh.list()));
    }

    @Test
    void listenersHearRemovalsOnlyAndOneFailingListenerDoesNotStopTheOthers() throws Exception {
        StoreComponent.migrateStore(ds);
        List<String> heard = new CopyOnWriteArrayList<>();
        List<SubscriberListener> listeners = new CopyOnWriteArrayList<>();
        listeners.add(r -> {
            throw new IllegalStateException("a broken listener");
        });
        listeners.add(r -> heard.add(r.aor() + (r.endCalls() ? " endCalls" : "")));
        JdbcSubscriberStore store = new JdbcSubscriberStore(ds, listeners);
        store.add("alice", "example.com", "pw");
        store.add("bob", "example.com", "pw");
        store.add("alice", "example.com", "new password"); // a replacement is no removal
        assertEquals(List.of(), heard);

        assertTrue(store.remove("alice", "EXAMPLE.com"));
        assertTrue(store.remove("bob", "example.com", true));
        assertFalse(store.remove("bob", "example.com", true), "already gone: nobody is told twice");
        assertEquals(List.of("alice@example.com", "bob@example.com endCalls"), heard);
        assertTrue(store.list().isEmpty(), "rows deleted even though a listener threw");
    }

    @Test
    void fileDatabaseIsCreatedOnFirstStart(@TempDir File dir) throws Exception {
        String old = System.getProperty("karaf.data");
        System.setProperty("karaf.data", dir.getPath());
        try {
            String url = StoreComponent.defaultUrl();
            try (HikariDataSource file = StoreComponent.open(url, "sa", "", 2)) {
                StoreComponent.migrateStore(file);
                new JdbcSubscriberStore(file).add("carol", "example.com", "pw");
            }
            assertTrue(new File(dir, "switchboard/switchboard.mv.db").isFile());
            try (HikariDataSource file = StoreComponent.open(url, "sa", "", 2)) {
                assertEquals(
                        0,
                        SchemaMigrations.migrate(
                                file, "store", getClass().getClassLoader(), "db/store/V1__subscribers.sql"));
                assertTrue(new JdbcSubscriberStore(file)
                        .find("carol", "example.com")
                        .isPresent());
            }
        } finally {
            if (old == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", old);
            }
        }
    }

    @Test
    void rejectsOtherDatabases() {
        assertThrows(IllegalArgumentException.class, () -> StoreComponent.open("jdbc:mysql://x/y", "u", "p", 1));
        assertEquals(List.of("a", "example.com"), List.of(SubscriberCommands.split("sip:a@example.com")));
        assertThrows(IllegalArgumentException.class, () -> SubscriberCommands.split("nodomain"));
    }
}
