package io.switchboard.cgrates;

import java.util.List;
import java.util.Map;

/** The billing side of bundles/cgrates (OSGi service): the CDR outbox and the billed calls, for shell and REST. */
public interface CgratesService {

    /**
     * Outbox rows, oldest first.
     *
     * @param state {@code pending}, {@code delivered}, {@code failed}, or null for all
     * @param limit at most this many
     */
    List<OutboxEntry> outbox(String state, int limit);

    /** Number of rows per state. */
    Map<String, Integer> outboxCounts();

    /** Makes a failed (or waiting) row due now; false when there is no such undelivered row. */
    boolean retry(long id);

    /** OriginIDs of the live billed calls (what GetActiveSessionIDs answers). */
    List<String> activeSessions();
}
