package io.switchboard.sdp;

import java.util.List;
import java.util.Map;

/**
 * One media description ({@code m=} section) of an {@link Sdp}, as routes read it.
 *
 * @param type      media type of the m= line ({@code audio}, {@code video}, {@code image} ...)
 * @param port      transport port of the m= line; 0 for a rejected or disabled stream
 * @param transport transport protocol ({@code RTP/AVP}, {@code RTP/SAVP}, {@code udptl} ...)
 * @param formats   the formats (RTP payload types) in order of preference
 * @param codecs    the codec of each format, {@code PCMU/8000}, from its {@code a=rtpmap} or, for a static payload
 *                  type without one, from RFC 3551's table; the format itself when neither names it
 * @param address   the connection address in effect: the section's {@code c=}, else the session's
 * @param direction the direction in effect: the section's attribute, else the session's, else {@code sendrecv}
 */
public record SdpMedia(
        String type,
        int port,
        String transport,
        List<String> formats,
        List<String> codecs,
        String address,
        String direction) {

    /** The fields as a Map for routes ({@code ${header.SipSdpMedia[0][port]}}). */
    public Map<String, Object> toMap() {
        return Map.of(
                "type", type,
                "port", port,
                "transport", transport,
                "formats", formats,
                "codecs", codecs,
                "address", address == null ? "" : address,
                "direction", direction);
    }
}
