package io.switchboard.dfks.internal.csta;

/** Names of the as-feature-event vocabulary. */
public final class Csta {

    /** ECMA-323 CSTA XML edition 3: the namespace every document carries. */
    public static final String NAMESPACE = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    /** The misspelling (no hyphen) some phones and one Kamailio header use: accepted on input. */
    public static final String NAMESPACE_MISSPELLED = "http://www.ecmainternational.org/standards/ecma-323/csta/ed3";
    /** Body type, both directions. */
    public static final String CONTENT_TYPE = "application/x-as-feature-event+xml";
    /** Event package. */
    public static final String EVENT = "as-feature-event";

    private Csta() {}
}
