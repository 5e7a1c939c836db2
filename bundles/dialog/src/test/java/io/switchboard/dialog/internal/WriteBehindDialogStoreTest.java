package io.switchboard.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteBehindDialogStoreTest {

    /** Records writes; the first write blocks until released, as a slow database would. */
    static final class SlowStore implements DialogStore {
        final List<String> writes = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void answered(DialogInfo d) {
            await();
            writes.add("answered " + d.callId());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void ended(DialogInfo d) {
            await();
            writes.add("ended " + d.callId());
        }

        private void await() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<DialogInfo> loadLive() {
            return List.of();
        }

        @Override
        public Optional<DialogInfo> findLive(String callId) {
            return Optional.empty();
        }
    }

    static DialogInfo dialog(String callId) {
        return new DialogInfo(
                callId,
                "sip:a@x",
                "ft",
                "sip:b@x",
                "tt",
                DialogState.ANSWERED,
                1,
                2,
                3,
                0,
                null,
                null,
                null,
                null,
                1,
                1,
                List.of(),
                Set.of());
    }

    @Test
    void writesLeaveTheCallersThreadAtOnceAndKeepTheirOrderAndCloseDrainsThem() {
        SlowStore slow = new SlowStore();
        WriteBehindDialogStore store = new WriteBehindDialogStore(slow);
        store.answered(dialog("c1")); // would block the caller were it synchronous
        store.answered(dialog("c2"));
        store.ended(dialog("c1"));
        assertEquals(List.of(), slow.writes, "nothing written while the database is slow");
        slow.release.countDown();
        store.close();
        assertEquals(List.of("answered c1", "answered c2", "ended c1"), slow.writes);
        assertNotEquals(Thread.currentThread().getName(), slow.threads.get(0));
    }

    @Test
    void aWriteAfterCloseIsStillMadeOnTheCallersThread() {
        SlowStore slow = new SlowStore();
        slow.release.countDown();
        WriteBehindDialogStore store = new WriteBehindDialogStore(slow);
        store.close();
        store.answered(dialog("late"));
        assertEquals(List.of("answered late"), slow.writes);
    }

    @Test
    void aWriterAsleepAfterAnIdleSpellIsWokenByTheNextWrite() throws InterruptedException {
        SlowStore slow = new SlowStore();
        slow.release.countDown();
        WriteBehindDialogStore store = new WriteBehindDialogStore(slow, TimeUnit.MILLISECONDS.toNanos(1), 3);
        try {
            store.answered(dialog("before"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!store.asleep() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(store.asleep(), "the writer sleeps once the queue stayed empty");
            assertEquals(List.of("answered before"), slow.writes);
            store.ended(dialog("before")); // only a wake-up gets this written before close
            while (slow.writes.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("answered before", "ended before"), slow.writes);
        } finally {
            store.close();
        }
    }
}
