package io.switchboard.subscription.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.sip.SipDialog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBehindSubscriptionStoreTest {

    /** One call of {@link SubscriptionStore#write}: the ids upserted (with their CSeq) and deleted, in order. */
    record Write(List<String> upserts, List<String> deletes) {}

    /** Records every write; fails the next ones while {@code failures} is above zero, as a lost database would. */
    static final class RecordingStore implements SubscriptionStore {
        final List<Write> writes = new ArrayList<>();
        int failures;

        @Override
        public List<Row> load() {
            return List.of();
        }

        @Override
        public void write(Collection<Row> upserts, Collection<String> deletes) throws SQLException {
            if (failures > 0) {
                failures--;
                throw new SQLException("connection lost");
            }
            writes.add(new Write(
                    upserts.stream()
                            .map(r -> r.id() + "@" + SipDialog.parse(r.dialog()).localCSeq())
                            .toList(),
                    List.copyOf(deletes)));
        }
    }

    final RecordingStore target = new RecordingStore();
    final WriteBehindSubscriptionStore store = new WriteBehindSubscriptionStore(target);

    static ActiveSubscription subscription(String callId, String event) {
        return new ActiveSubscription(
                event,
                "alice@example.org",
                "sip:alice@example.org",
                new SipDialog(
                        callId,
                        "sip:alice@example.org",
                        "ourtag",
                        "sip:alice@example.org",
                        "ft",
                        "sip:alice@192.0.2.1:5062",
                        List.of(),
                        1),
                2_000_000);
    }

    @Test
    void nothingIsWrittenBeforeAFlushThenOneBatchInTheOrderOfTheLastChanges() throws Exception {
        ActiveSubscription a = subscription("a", "dialog");
        ActiveSubscription b = subscription("b", "dialog");
        ActiveSubscription c = subscription("c", "dialog");
        store.saved(a);
        store.saved(b);
        store.saved(c);
        store.deleted("old", "dialog");
        a.dialog().nextCSeq();
        store.saved(a); // changed again: written once, last, as it is at the flush
        assertEquals(List.of(), target.writes);
        store.flush(event -> true);
        assertEquals(
                List.of(new Write(List.of("b;ourtag;ft@1", "c;ourtag;ft@1", "a;ourtag;ft@2"), List.of("old"))),
                target.writes);
        store.flush(event -> true);
        assertEquals(1, target.writes.size(), "nothing pending, no empty transaction");
    }

    @Test
    void aDeleteAfterAnInsertIsOnlyADelete() throws Exception {
        ActiveSubscription a = subscription("a", "dialog");
        store.saved(a);
        store.deleted(a.id(), a.event());
        store.flush(event -> true);
        assertEquals(List.of(new Write(List.of(), List.of("a;ourtag;ft"))), target.writes);
    }

    @Test
    void aPackageWhoseWriteIsNotDueKeepsItsChangesAndIsAskedOncePerFlush() throws Exception {
        List<String> asked = new ArrayList<>();
        store.saved(subscription("s1", "line-seize"));
        store.saved(subscription("d1", "dialog"));
        store.saved(subscription("s2", "line-seize"));
        store.flush(event -> {
            asked.add(event);
            return !event.equals("line-seize");
        });
        assertEquals(List.of("line-seize", "dialog"), asked);
        assertEquals(List.of(new Write(List.of("d1;ourtag;ft@1"), List.of())), target.writes);
        store.flush(event -> true);
        assertEquals(new Write(List.of("s1;ourtag;ft@1", "s2;ourtag;ft@1"), List.of()), target.writes.get(1));
    }

    @Test
    void aFailedWriteIsRetriedAheadOfNewerChangesUnlessChangedAgain() throws Exception {
        ActiveSubscription a = subscription("a", "dialog");
        store.saved(a);
        store.saved(subscription("b", "dialog"));
        target.failures = 1;
        assertThrows(SQLException.class, () -> store.flush(event -> true));
        store.deleted(a.id(), a.event()); // newer than the failed upsert of a: that is not written any more
        store.saved(subscription("c", "dialog"));
        store.flush(event -> true);
        assertEquals(
                List.of(new Write(List.of("b;ourtag;ft@1", "c;ourtag;ft@1"), List.of("a;ourtag;ft"))), target.writes);
    }

    @Test
    void closeWritesEverythingPendingAndALaterChangeAtOnce() throws Exception {
        store.saved(subscription("s1", "line-seize"));
        store.flush(event -> false);
        assertEquals(List.of(), target.writes);
        store.close();
        assertEquals(List.of(new Write(List.of("s1;ourtag;ft@1"), List.of())), target.writes);
        store.deleted("s1;ourtag;ft", "line-seize"); // a NOTIFY answered after the stop ended it
        assertEquals(new Write(List.of(), List.of("s1;ourtag;ft")), target.writes.get(1));
    }

    @Test
    void aChangeAfterCloseThatCannotBeWrittenIsLoggedNotThrown() throws Exception {
        store.close();
        target.failures = 1;
        store.saved(subscription("late", "dialog"));
        assertEquals(List.of(), target.writes);
    }
}
