package io.switchboard.cgrates;

import java.util.Locale;

/**
 * A CGRateS call that did not give a result: either CGRateS answered with an error string (JSON-RPC 1.0
 * {@code "error":"..."}, e.g. {@code RALS_ERROR:INSUFFICIENT_CREDIT}), or no engine could be reached in time
 * ({@link #unreachable()}). The two are told apart because the policies differ: an answer is final, an unreachable
 * engine means retry later (outbox) or the fail policy (prepaid).
 */
public class CgratesException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    public CgratesException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** An error string CGRateS answered. */
    public static CgratesException answered(String error) {
        return new CgratesException(error, false, null);
    }

    /** True when no engine answered (down, refused, timed out); false for an error CGRateS answered. */
    public boolean unreachable() {
        return unreachable;
    }

    /**
     * True when the error string holds {@code code} (e.g. {@code INSUFFICIENT_CREDIT}): CGRateS wraps codes in
     * prefixes ({@code RALS_ERROR:}) and does not separate them uniformly, so codes are matched as substrings.
     */
    public boolean is(String code) {
        String m = getMessage();
        return m != null && m.toUpperCase(Locale.ROOT).contains(code);
    }

    /** True for CGRateS's answer to a repeated session or CDR ({@code EXISTS}): the first one was delivered. */
    public boolean duplicate() {
        return !unreachable && (is("EXISTS") || is("DUPLICATE"));
    }
}
