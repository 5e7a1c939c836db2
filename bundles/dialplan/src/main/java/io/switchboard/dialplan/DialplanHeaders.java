package io.switchboard.dialplan;

import org.apache.camel.spi.Metadata;

/** The Camel headers {@code dialplan:translate} sets. The names are part of the route files' contract. */
public final class DialplanHeaders {

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "true when a rule matched and the output was written; false when none did (or the input"
                    + " was absent): the message is then untouched.")
    public static final String MATCHED = "SipDialplanMatched";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "the attrs of the rule that matched (absent when none did).")
    public static final String ATTRS = "SipDialplanAttrs";

    @Metadata(
            label = "producer",
            javaType = "Long",
            description = "the id of the rule that matched (absent when none did).")
    public static final String RULE = "SipDialplanRule";

    private DialplanHeaders() {}
}
