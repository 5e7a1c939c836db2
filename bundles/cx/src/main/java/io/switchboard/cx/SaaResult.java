package io.switchboard.cx;

/**
 * A SAA: the result, User-Name (the IMPI on record), User-Data (the IMSSubscription XML of TS 29.228 Annex E, null
 * when not sent) and the Server-Name on record when a conflict is reported.
 */
public record SaaResult(CxResult result, String impi, String userData, String serverName) {

    /** An answer with a result only (errors). */
    public static SaaResult of(CxResult result) {
        return new SaaResult(result, null, null, null);
    }
}
