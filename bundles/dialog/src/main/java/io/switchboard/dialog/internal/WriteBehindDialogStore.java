package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes on one thread of its own, in the order the dialogs changed, so that a database write never holds up the
 * SIP thread that relays a call (the tracker changes state under one lock, and a write there stalled every other
 * call's responses). Reads go straight to the database. {@link #close} drains the queue: a clean stop loses nothing.
 */
final class WriteBehindDialogStore implements DialogStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindDialogStore.class);

    private final DialogStore target;
    private final ExecutorService writer;

    WriteBehindDialogStore(DialogStore target) {
        this.target = target;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "dialog-writer");
            t.setDaemon(true);
            return t;
        });
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
        try {
            writer.execute(() -> {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.warn("Dialog write failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            write.run(); // closing: write on the caller's thread rather than lose it
        }
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
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn(
                        "Dialog writes still queued after 10 s at stop: {} lost",
                        writer.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
