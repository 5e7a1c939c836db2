package io.switchboard.sdp;

/** An SDP that does not parse (RFC 4566), or an edit that would leave it invalid; the message says why. */
public class SdpException extends Exception {

    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
