package io.switchboard.cx.internal.diameter;

import io.switchboard.diameter.Avp;

/**
 * A Cx request lacks an AVP the HSS needs that the dictionary's command ABNF could not require (one inside a Grouped
 * AVP, or one of two alternatives): answered base 5005 DIAMETER_MISSING_AVP with {@link #example()} in Failed-AVP,
 * as RFC 6733 §7.5 asks.
 */
public final class CxMissingAvpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Avp example;

    CxMissingAvpException(String name, Avp example) {
        super(name + " is missing");
        this.example = example;
    }

    /** The missing AVP with a zero-filled value (or a group holding it). */
    public Avp example() {
        return example;
    }
}
