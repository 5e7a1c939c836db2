package io.switchboard.homer;

import org.apache.camel.spi.Metadata;

/** Headers {@code homer:sync} sets, so a route can act on the outcome without parsing the body. */
public final class HomerHeaders {

    @Metadata(
            description = "The failure of the sync (homer:sync without throwOnError): why nothing or not everything "
                    + "was synced; absent after a successful sync",
            javaType = "String")
    public static final String SYNC_ERROR = "HomerSyncError";

    @Metadata(description = "True when a successful sync changed nothing on Homer", javaType = "Boolean")
    public static final String NOTHING_CHANGED = "HomerNothingChanged";

    private HomerHeaders() {}
}
