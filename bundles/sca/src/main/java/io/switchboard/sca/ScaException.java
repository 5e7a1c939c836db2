package io.switchboard.sca;

/** A refused SCA operation, with the SIP/HTTP-like status that says why (400 bad input, 404, 409/480 in use). */
public class ScaException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ScaException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
