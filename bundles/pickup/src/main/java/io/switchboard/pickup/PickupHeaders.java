package io.switchboard.pickup;

import org.apache.camel.spi.Metadata;

/**
 * The Camel message headers {@code pickup:pick} sets (besides {@code SipStatus}/{@code SipReason}, the answer to the
 * picker's own INVITE). The names are part of the route files' contract and never change.
 */
public final class PickupHeaders {

    @Metadata(
            label = "producer",
            description = "pickup:pick output: the Call-ID of the call picked up (absent when none was)",
            javaType = "String")
    public static final String CALL_ID = "SipPickupCallId";

    @Metadata(
            label = "producer",
            description = "pickup:pick output: the AoR (user@domain) the picked call was ringing at",
            javaType = "String")
    public static final String CALLEE = "SipPickupCallee";

    @Metadata(
            label = "producer",
            description = "pickup:pick output: directed (*8<ext>) or group (*8); absent when the Request-URI is no"
                    + " pickup code",
            javaType = "String")
    public static final String KIND = "SipPickupKind";

    private PickupHeaders() {}
}
