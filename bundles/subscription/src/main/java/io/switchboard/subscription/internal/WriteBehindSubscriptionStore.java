package io.switchboard.subscription.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the subscription changes in memory and writes them in batches ({@link #flush}), so that a SUBSCRIBE or a
 * NOTIFY never waits for the database: a fan-out of NOTIFYs moves many CSeqs, a purge ends many subscriptions, and
 * each would otherwise be a transaction of its own on the SIP thread. Only the last change of a subscription is kept
 * (a delete after an insert is a delete), and the batch lists the subscriptions in the order of their last change.
 * Reads go straight to the database. {@link #close} writes everything pending: a clean stop loses nothing; a change
 * after it (the answer to a NOTIFY sent at stop) is written at once rather than lost.
 */
final class WriteBehindSubscriptionStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindSubscriptionStore.class);

    /** The rows of one write: deletes and upserts, in the order of the changes. */
    private static final class Batch {
        final List<SubscriptionStore.Row> upserts = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();
    }

    /** What a subscription's next write does; its event package decides when that write is due. */
    private interface Change {
        String event();

        void addTo(String id, Batch batch);
    }

    /**
     * Writes the subscription as it is at the flush (not as it was at the change): the CSeq and expiry it has by then.
     */
    private record Upsert(ActiveSubscription subscription) implements Change {
        @Override
        public String event() {
            return subscription.event();
        }

        @Override
        public void addTo(String id, Batch batch) {
            ActiveSubscription s = subscription;
            batch.upserts.add(new SubscriptionStore.Row(
                    id, s.event(), s.presentity(), s.watcher(), s.dialog().serialize(), s.expiresAt()));
        }
    }

    /** Deletes the row of a subscription of this event package. */
    private record Delete(String event) implements Change {
        @Override
        public void addTo(String id, Batch batch) {
            batch.deletes.add(id);
        }
    }

    private final SubscriptionStore target;
    /** The last change of each subscription by id, in the order of those changes; guarded by itself. */
    private final Map<String, Change> pending = new LinkedHashMap<>();
    /** Held for a whole flush: two flushes never write the same change twice, nor out of order. */
    private final Object writing = new Object();
    /** Set under the lock of {@link #pending}: a change is either in the last flush or written at once. */
    private boolean closed;

    WriteBehindSubscriptionStore(SubscriptionStore target) {
        this.target = target;
    }

    /** The subscription is to be stored (inserted or updated) at the next flush due for its event package. */
    void saved(ActiveSubscription s) {
        change(s.id(), new Upsert(s));
    }

    /** The subscription {@code id} of package {@code event} is to be deleted at the next flush due for that package. */
    void deleted(String id, String event) {
        change(id, new Delete(event));
    }

    private void change(String id, Change change) {
        synchronized (pending) {
            if (!closed) {
                pending.remove(id); // to the end: the order of the last changes
                pending.put(id, change);
                return;
            }
        }
        writeNow(id, change);
    }

    private void writeNow(String id, Change change) {
        Batch batch = new Batch();
        change.addTo(id, batch);
        synchronized (writing) {
            try {
                target.write(batch.upserts, batch.deletes);
            } catch (Exception e) {
                LOG.warn("Subscription {} not written after stop: {}", id, e.getMessage());
            }
        }
    }

    /** The stored subscriptions, straight from the database. */
    List<SubscriptionStore.Row> load() throws Exception {
        return target.load();
    }

    /**
     * Writes, in one transaction, the pending changes of the event packages for which {@code due} says a write is due
     * (asked once per package and flush); the others stay pending. A failed write keeps its changes for the next
     * flush, except those changed again meanwhile (the newer change is written instead).
     */
    void flush(Predicate<String> due) throws Exception {
        synchronized (writing) {
            Map<String, Boolean> dueByEvent = new HashMap<>();
            Map<String, Change> taken = new LinkedHashMap<>();
            synchronized (pending) {
                pending.forEach((id, change) -> {
                    if (dueByEvent.computeIfAbsent(change.event(), due::test)) {
                        taken.put(id, change);
                    }
                });
                taken.keySet().forEach(pending::remove);
            }
            if (taken.isEmpty()) {
                return;
            }
            Batch batch = new Batch();
            taken.forEach((id, change) -> change.addTo(id, batch));
            try {
                target.write(batch.upserts, batch.deletes);
            } catch (Exception e) {
                restore(taken);
                throw e;
            }
        }
    }

    /** Puts a failed batch back ahead of the changes made since, leaving out what those changed again. */
    private void restore(Map<String, Change> failed) {
        synchronized (pending) {
            Map<String, Change> newer = new LinkedHashMap<>(pending);
            pending.clear();
            failed.forEach((id, change) -> {
                if (!newer.containsKey(id)) {
                    pending.put(id, change);
                }
            });
            pending.putAll(newer);
        }
    }

    /** Writes every pending change, whether its package's write is due or not. */
    void flushAll() throws Exception {
        flush(event -> true);
    }

    /** Writes everything pending; a change after this is written at once. */
    @Override
    public void close() throws Exception {
        synchronized (pending) {
            closed = true;
        }
        flushAll();
    }
}
