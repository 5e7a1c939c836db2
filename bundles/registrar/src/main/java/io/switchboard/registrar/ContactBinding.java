package io.switchboard.registrar;

/**
 * One registered contact of an AoR ({@code user@domain}).
 *
 * @param aor          {@code user@domain}
 * @param uri          the contact URI (without {@code <>} and header parameters)
 * @param expiresAt    epoch millis when the binding expires
 * @param registeredAt epoch millis of the REGISTER that created or last refreshed it
 * @param callId       Call-ID of that REGISTER
 * @param cseq         CSeq number of that REGISTER
 * @param userAgent    its User-Agent, or null
 * @param source       {@code transport:address:port} it came from
 */
public record ContactBinding(
        String aor,
        String uri,
        long expiresAt,
        long registeredAt,
        String callId,
        long cseq,
        String userAgent,
        String source) {

    /** Seconds left at {@code nowMillis}, at least 0. */
    public long expiresIn(long nowMillis) {
        return Math.max(0, (expiresAt - nowMillis + 999) / 1000);
    }
}
