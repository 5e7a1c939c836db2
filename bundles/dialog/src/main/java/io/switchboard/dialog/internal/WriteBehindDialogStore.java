package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes on one thread of its own, in the order the dialogs changed, so that a database write never holds up the
 * SIP thread that relays a call (the tracker changes state under one lock, and a write there stalled every other
 * call's responses). Reads go straight to the database. {@link #close} drains the queue: a clean stop loses nothing.
 * <p>
 * <b>No wake-up on the call path.</b> A SIP thread only appends its write to a lock-free queue. While writes come in,
 * the writer looks at the queue every {@link #POLL_MILLIS} ms on its own timer and writes what it finds, so the SIP
 * thread never wakes it: a queue whose consumer blocks wakes it with a system call on nearly every write, two per call
 * (a wall-clock profile of the SIP workers at 1,500 calls/s found 4.3 % of their time there, BENCHMARKS.md). After
 * {@link #IDLE_POLLS} empty looks (one second) the writer sleeps until the next write wakes it, so an idle platform
 * does not tick.
 */
final class WriteBehindDialogStore implements DialogStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindDialogStore.class);
    /** Between two looks at the queue while writes come in: the most a write waits before the writer starts it. */
    static final long POLL_MILLIS = 5;
    /** Empty looks in a row after which the writer sleeps until woken: one second without a dialog change. */
    static final int IDLE_POLLS = 200;

    private final DialogStore target;
    private final long pollNanos;
    private final int idlePolls;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Held while writing from the queue: by the writer, and by a caller after close. */
    private final ReentrantLock draining = new ReentrantLock();

    private final Thread writer;
    /** The writer sleeps without a timeout: the next write wakes it. */
    private volatile boolean sleeping;

    private volatile boolean closed;

    WriteBehindDialogStore(DialogStore target) {
        this(target, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), IDLE_POLLS);
    }

    /** With another poll interval and idle count (tests). */
    WriteBehindDialogStore(DialogStore target, long pollNanos, int idlePolls) {
        this.target = target;
        this.pollNanos = pollNanos;
        this.idlePolls = idlePolls;
        this.writer = new Thread(this::run, "dialog-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void answered(DialogInfo dialog) {
        submit(() -> target.answered(dialog));
    }

    @Override
    public void ended(DialogInfo dialog) {
        submit(() -> target.ended(dialog));
    }

    private void submit(Runnable write) {
        queue.offer(write);
        if (sleeping) {
            LockSupport.unpark(writer);
        }
        if (closed) {
            drain(); // closing: write on the caller's thread rather than lose it
        }
    }

    private void run() {
        int empty = 0;
        while (!closed) {
            if (drain()) {
                empty = 0;
            } else if (++empty < idlePolls) {
                LockSupport.parkNanos(this, pollNanos);
            } else {
                sleeping = true; // then look again: a write queued before this store is seen, one after wakes us
                if (queue.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                sleeping = false;
                empty = 0;
            }
        }
        drain();
    }

    /** Writes everything queued, in order; true when there was something. */
    private boolean drain() {
        boolean wrote = false;
        draining.lock();
        try {
            Runnable write;
            while ((write = queue.poll()) != null) {
                wrote = true;
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.warn("Dialog write failed", e);
                }
            }
        } finally {
            draining.unlock();
        }
        return wrote;
    }

    /** The writer sleeps until the next write (tests). */
    boolean asleep() {
        return sleeping && writer.getState() == Thread.State.WAITING;
    }

    @Override
    public List<DialogInfo> loadLive() {
        return target.loadLive();
    }

    @Override
    public Optional<DialogInfo> findLive(String callId) {
        return target.findLive(callId);
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("Dialog writes still queued after 10 s at stop: {} lost", queue.size());
        }
    }
}
