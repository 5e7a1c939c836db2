package io.switchboard.sdp;

/**
 * Whether an SDP puts a call on hold, per RFC 6337 5.3: an offer that makes every active stream {@code sendonly}
 * or {@code inactive}, an answer that makes them {@code recvonly} or {@code inactive}, or the legacy form of
 * RFC 2543, a connection address {@code 0.0.0.0}. Streams with port 0 (rejected, disabled) do not count; an SDP
 * without an active stream holds nothing.
 */
public final class Hold {

    private Hold() {}

    /**
     * Why {@code sdp} holds the call ({@code sendonly}, {@code inactive}, {@code recvonly}, {@code c=0.0.0.0}), or
     * null when it does not.
     *
     * @param answer true for an answer (a response, an ACK), false for an offer
     */
    public static String reason(Sdp sdp, boolean answer) {
        String reason = null;
        for (SdpMedia m : sdp.media()) {
            if (m.port() == 0) {
                continue;
            }
            String why;
            if ("0.0.0.0".equals(m.address())) {
                why = "c=0.0.0.0";
            } else if ("inactive".equals(m.direction())) {
                why = "inactive";
            } else if (!answer && "sendonly".equals(m.direction())) {
                why = "sendonly";
            } else if (answer && "recvonly".equals(m.direction())) {
                why = "recvonly";
            } else {
                return null; // an active stream that still flows both ways (or the held side's way) is no hold
            }
            if (reason == null) {
                reason = why;
            }
        }
        return reason;
    }
}
