package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialog.DialogHistoryListener;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyEvent.Kind;
import io.switchboard.store.SchemaMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcDialogStoreTest {

    /** A fresh in-memory database with the dialog migrations applied. */
    static JdbcDataSource h2(String name) throws Exception {
        JdbcDataSource ds = empty(name);
        JdbcDialogStore.migrate(ds);
        return ds;
    }

    static JdbcDataSource empty(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void tablesComeFromTheStoreMigrationsOnceAsModuleDialog() throws Exception {
        JdbcDataSource ds = empty("m1");
        assertEquals(
                1,
                SchemaMigrations.migrate(
                        ds, "dialog", JdbcDialogStore.class.getClassLoader(), JdbcDialogStore.MIGRATIONS));
        JdbcDialogStore.migrate(ds); // a restart: nothing left to apply
        try (Connection c = ds.getConnection()) {
            assertEquals(1, SchemaMigrations.currentVersion(c, "dialog"));
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT COUNT(*) FROM " + SchemaMigrations.HISTORY_TABLE + " WHERE module = 'dialog'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        new JdbcDialogStore(ds).answered(answered("m1"));
        assertEquals(1, new JdbcDialogStore(ds).loadLive().size());
    }

    /**
     * Before the migrations the bundle created its tables itself: such a database is adopted as version 1, rows kept.
     */
    @Test
    void tablesOfAnOlderInstallAreAdopted() throws Exception {
        JdbcDataSource ds = empty("m2");
        String cols =
                "call_id VARCHAR(255) NOT NULL, from_uri VARCHAR(512), from_tag VARCHAR(128), to_uri VARCHAR(512), "
                        + "to_tag VARCHAR(128), created_at BIGINT, ringing_at BIGINT, answered_at BIGINT, "
                        + "caller_contact VARCHAR(512), "
                        + "callee_contact VARCHAR(512), caller_cseq BIGINT, callee_cseq BIGINT, record_route "
                        + "VARCHAR(2048), profiles VARCHAR(1024)";
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sb_dialog (" + cols + ", PRIMARY KEY (call_id))");
            st.execute("CREATE TABLE sb_dialog_history (" + cols
                    + ", ended_at BIGINT, end_reason VARCHAR(64), ended_by VARCHAR(16))");
        }
        new JdbcDialogStore(ds).answered(answered("old"));
        JdbcDialogStore.migrate(ds);
        try (Connection c = ds.getConnection()) {
            assertEquals(1, SchemaMigrations.currentVersion(c, "dialog"));
        }
        assertEquals("old", new JdbcDialogStore(ds).loadLive().get(0).callId());
    }

    static DialogInfo answered(String callId) {
        return new DialogInfo(
                callId,
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                "bTag",
                DialogState.ANSWERED,
                1000,
                1200,
                2000,
                0,
                null,
                null,
                "sip:alice@10.0.0.1",
                "sip:bob@10.0.0.2",
                1,
                0,
                List.of("<sip:a;lr>", "<sip:b;lr>"),
                new LinkedHashSet<>(List.of("pbx")));
    }

    @Test
    void answeredIsLiveUntilEndedThenInHistory() throws Exception {
        JdbcDialogStore store = new JdbcDialogStore(h2("d1"));
        store.answered(answered("c1"));
        DialogInfo live = store.findLive("c1").orElseThrow();
        assertEquals("bTag", live.toTag());
        assertEquals(List.of("<sip:a;lr>", "<sip:b;lr>"), live.recordRoute());
        assertEquals(1, store.loadLive().size());

        DialogInfo ended = new DialogInfo(
                "c1",
                live.fromUri(),
                live.fromTag(),
                live.toUri(),
                live.toTag(),
                DialogState.ENDED,
                1000,
                1200,
                2000,
                9000,
                "BYE",
                "caller",
                null,
                null,
                2,
                0,
                List.of(),
                new LinkedHashSet<>());
        store.ended(ended);
        assertTrue(store.findLive("c1").isEmpty());
        assertTrue(store.loadLive().isEmpty());
        List<String[]> history = store.history("c1");
        assertEquals(1, history.size());
        assertEquals("BYE", history.get(0)[0]);
        assertEquals("caller", history.get(0)[1]);
    }

    @Test
    void tablesSurviveASecondStoreOnTheSameDatabaseAndLiveDialogsAreRestored() throws Exception {
        JdbcDataSource ds = h2("d2");
        new JdbcDialogStore(ds).answered(answered("c2"));
        // "restart": a new store and tracker on the same database
        List<DialogTracker.Event> events = new ArrayList<>();
        DialogTracker tracker = new DialogTracker(new JdbcDialogStore(ds), events::add, d -> {}, null);
        assertEquals(1, tracker.restore());
        assertEquals(DialogState.ANSWERED, tracker.find("c2").orElseThrow().state());
        tracker.onProxyEvent(new SipProxyEvent(
                Kind.REQUEST,
                "BYE",
                "c2",
                "sip:bob@example.com",
                "bTag",
                "sip:alice@example.com",
                "aTag",
                1,
                0,
                null,
                null,
                null,
                false,
                5000));
        assertEquals("callee", events.get(0).dialog().endedBy());
        assertTrue(new JdbcDialogStore(ds).findLive("c2").isEmpty());
    }

    @Test
    void anotherNodesDialogIsFoundOnBye() throws Exception {
        JdbcDataSource ds = h2("d3");
        new JdbcDialogStore(ds).answered(answered("c3")); // node A answered the call
        AtomicInteger ended = new AtomicInteger();
        DialogTracker nodeB = new DialogTracker(new JdbcDialogStore(ds), e -> ended.incrementAndGet(), d -> {}, null);
        nodeB.onProxyEvent(new SipProxyEvent(
                Kind.REQUEST,
                "BYE",
                "c3",
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                "bTag",
                2,
                0,
                null,
                null,
                null,
                false,
                6000));
        nodeB.onProxyEvent(new SipProxyEvent(
                Kind.REQUEST,
                "BYE",
                "c3",
                "sip:alice@example.com",
                "aTag",
                "sip:bob@example.com",
                "bTag",
                2,
                0,
                null,
                null,
                null,
                false,
                6100));
        assertEquals(1, ended.get(), "one ended event for a repeated BYE");
        assertEquals(1, new JdbcDialogStore(ds).history("c3").size());
    }

    /** A history listener's row commits with the move; a failing listener rolls the whole move back. */
    @Test
    void historyListenersWriteInTheTransactionOfTheMove() throws Exception {
        JdbcDataSource ds = h2("hl1");
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE outbox_test (call_id VARCHAR(255) PRIMARY KEY)");
        }
        List<DialogHistoryListener> listeners = new ArrayList<>();
        listeners.add((tx, d) -> {
            assertTrue(!tx.getAutoCommit(), "inside the transaction");
            try (Statement st = tx.createStatement()) {
                st.execute("INSERT INTO outbox_test VALUES ('" + d.callId() + "')");
            }
        });
        JdbcDialogStore store = new JdbcDialogStore(ds, listeners);
        store.answered(answered("ok"));
        store.ended(endedOf(answered("ok")));
        assertEquals(1, count(ds, "outbox_test WHERE call_id = 'ok'"));
        assertEquals(1, store.history("ok").size());

        listeners.add((tx, d) -> {
            throw new SQLException("disk full");
        });
        store.answered(answered("bad"));
        store.ended(endedOf(answered("bad")));
        assertEquals(0, count(ds, "outbox_test WHERE call_id = 'bad'"), "the first listener's row rolled back");
        assertEquals(0, store.history("bad").size());
        assertTrue(store.findLive("bad").isPresent(), "the dialog stays live, restored at the next start");
    }

    private static DialogInfo endedOf(DialogInfo d) {
        return new DialogInfo(
                d.callId(),
                d.fromUri(),
                d.fromTag(),
                d.toUri(),
                d.toTag(),
                DialogState.ENDED,
                d.createdAt(),
                d.ringingAt(),
                d.answeredAt(),
                9000,
                "BYE",
                "caller",
                null,
                null,
                2,
                0,
                List.of(),
                new LinkedHashSet<>());
    }

    private static int count(JdbcDataSource ds, String from) throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
