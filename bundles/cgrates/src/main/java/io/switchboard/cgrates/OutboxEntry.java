package io.switchboard.cgrates;

/**
 * One row of the CDR outbox.
 *
 * @param id            row id, in the order of writing
 * @param originId      OriginID of the call (Call-ID;from-tag)
 * @param method        the CGRateS method it is sent with (ProcessCDR, ProcessEvent, TerminateSession)
 * @param state         {@code pending}, {@code delivered} or {@code failed} (gave up after outbox.max_attempts)
 * @param attempts      sends tried so far
 * @param lastError     the last error (CGRateS's answer or why no engine answered); null when none
 * @param createdAt     written (epoch ms)
 * @param nextAttemptAt next send (epoch ms) while pending
 * @param deliveredAt   delivered (epoch ms), 0 before
 */
public record OutboxEntry(
        long id,
        String originId,
        String method,
        String state,
        int attempts,
        String lastError,
        long createdAt,
        long nextAttemptAt,
        long deliveredAt) {}
