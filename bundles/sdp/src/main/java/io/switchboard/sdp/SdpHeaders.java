package io.switchboard.sdp;

import org.apache.camel.spi.Metadata;

/**
 * The Camel headers the {@code sdp} component sets ({@code sdp:parse}, {@code sdp:edit}) on the exchange of a SIP
 * request or response (a {@code sip} consumer's, a failure route's or an {@code onReply} route's). The names are part
 * of the route files' contract. Every {@code SipSdp*} header of an earlier parse is removed first, so a route never
 * reads a stale one.
 */
public final class SdpHeaders {

    /** The prefix every header of this class starts with. */
    public static final String PREFIX = "SipSdp";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "true when the message carries an SDP body (Content-Type application/sdp) that parsed.")
    public static final String PRESENT = "SipSdpPresent";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "why the SDP was not read or not edited (malformed, an edit that would leave no codec);"
                    + " the message is left untouched and the call goes on.")
    public static final String ERROR = "SipSdpError";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "the session origin, the value of the o= line: username sess-id sess-version nettype"
                    + " addrtype address.")
    public static final String ORIGIN = "SipSdpOrigin";

    @Metadata(
            label = "producer",
            javaType = "java.util.List",
            description = "one Map per m= section, in order: type, port, transport, formats (List), codecs (List,"
                    + " PCMU/8000 ...), address (c= in effect), direction (in effect);"
                    + " ${header.SipSdpMedia[0][port]}.")
    public static final String MEDIA = "SipSdpMedia";

    @Metadata(
            label = "producer",
            javaType = "Integer",
            description = "the m= port of the first audio stream (absent without one).")
    public static final String AUDIO_PORT = "SipSdpAudioPort";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "the connection address (c=) in effect for the first audio stream.")
    public static final String AUDIO_ADDRESS = "SipSdpAudioAddress";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "the codecs of the first audio stream, comma-separated in order of preference"
                    + " (PCMA/8000,telephone-event/8000).")
    public static final String AUDIO_CODECS = "SipSdpAudioCodecs";

    @Metadata(
            label = "producer",
            javaType = "String",
            description =
                    "the direction in effect of the first audio stream (sendrecv, sendonly, recvonly," + " inactive).")
    public static final String AUDIO_DIRECTION = "SipSdpAudioDirection";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "true when the SDP puts the call on hold (RFC 6337: every active stream sendonly or"
                    + " inactive in an offer, recvonly or inactive in an answer, or c=0.0.0.0); false otherwise.")
    public static final String HOLD = "SipSdpHold";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "why SipSdpHold is true: sendonly, inactive, recvonly or c=0.0.0.0.")
    public static final String HOLD_REASON = "SipSdpHoldReason";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "sdp:edit: true when the SDP was changed; the new SDP is the body and SipProxyBody, so"
                    + " proxy:relay (or the onReply route's response) carries it with its Content-Length.")
    public static final String EDITED = "SipSdpEdited";

    private SdpHeaders() {}
}
